-- AlterTable
ALTER TABLE "crm"."sequence_enrollment" ADD COLUMN     "restarts" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "portal"."portal" ADD COLUMN     "archived_at" TIMESTAMPTZ(3),
ADD COLUMN     "archived_by" TEXT;

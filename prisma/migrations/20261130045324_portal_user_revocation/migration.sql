-- AlterTable
ALTER TABLE "portal"."user" ADD COLUMN     "last_signed_in_at" TIMESTAMPTZ(3),
ADD COLUMN     "revoked_at" TIMESTAMPTZ(3),
ADD COLUMN     "revoked_by" TEXT;

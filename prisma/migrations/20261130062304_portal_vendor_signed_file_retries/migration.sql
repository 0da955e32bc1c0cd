-- AlterTable
ALTER TABLE "portal"."share" ADD COLUMN     "signed_file_attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "signed_file_error" TEXT,
ADD COLUMN     "signed_file_gave_up_at" TIMESTAMPTZ(3),
ADD COLUMN     "signed_file_retry_at" TIMESTAMPTZ(3);

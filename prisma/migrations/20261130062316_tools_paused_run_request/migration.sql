-- AlterTable
ALTER TABLE "tools"."paused_run" ADD COLUMN     "request_id" TEXT,
ADD COLUMN     "requested_by" TEXT;

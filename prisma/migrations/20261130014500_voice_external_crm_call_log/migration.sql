-- CreateEnum
CREATE TYPE "voice"."VoiceCrmLog" AS ENUM ('logged', 'skipped');

-- AlterTable
ALTER TABLE "voice"."call" ADD COLUMN     "crm_log" "voice"."VoiceCrmLog",
ADD COLUMN     "crm_record_id" TEXT;

-- CreateIndex
CREATE INDEX "call_org_id_crm_log_ended_at_idx" ON "voice"."call"("org_id", "crm_log", "ended_at");

-- Calls that ended before external CRM logging existed are not sent retroactively (decision 0142).
UPDATE "voice"."call" SET "crm_log" = 'skipped' WHERE "ended_at" IS NOT NULL;

-- DropIndex
DROP INDEX "crm"."activity_company_id_occurred_at_id_idx";

-- AlterTable
ALTER TABLE "crm"."activity" ADD COLUMN     "seq" BIGSERIAL NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "activity_seq_key" ON "crm"."activity"("seq");

-- CreateIndex
CREATE INDEX "activity_company_id_occurred_at_seq_idx" ON "crm"."activity"("company_id", "occurred_at" DESC, "seq" DESC);

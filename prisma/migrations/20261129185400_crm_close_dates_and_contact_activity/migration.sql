-- AlterTable
ALTER TABLE "crm"."deal" ADD COLUMN     "expected_close_date" DATE;

-- AlterTable
ALTER TABLE "crm"."activity" ADD COLUMN     "contact_id" UUID;

-- CreateIndex
CREATE INDEX "deal_org_id_expected_close_date_idx" ON "crm"."deal"("org_id", "expected_close_date");

-- CreateIndex
CREATE INDEX "activity_contact_id_occurred_at_seq_idx" ON "crm"."activity"("contact_id", "occurred_at" DESC, "seq" DESC);

-- AddForeignKey
ALTER TABLE "crm"."activity" ADD CONSTRAINT "activity_contact_id_fkey" FOREIGN KEY ("contact_id") REFERENCES "crm"."contact"("id") ON DELETE SET NULL ON UPDATE CASCADE;

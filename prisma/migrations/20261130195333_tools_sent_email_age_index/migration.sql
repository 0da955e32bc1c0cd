-- CreateIndex
CREATE INDEX "sent_email_org_id_sent_at_idx" ON "tools"."sent_email"("org_id", "sent_at");

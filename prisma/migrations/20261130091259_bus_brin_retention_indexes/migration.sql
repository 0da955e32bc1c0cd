-- DropIndex
DROP INDEX "bus"."log_appended_at_idx";

-- DropIndex
DROP INDEX "bus"."inbox_processed_at_idx";

-- CreateIndex
CREATE INDEX "log_appended_at_idx" ON "bus"."log" USING BRIN ("appended_at");

-- CreateIndex
CREATE INDEX "inbox_processed_at_idx" ON "bus"."inbox" USING BRIN ("processed_at");

-- AlterTable
ALTER TABLE "crm"."deal_line_item" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'service';

-- AlterTable
ALTER TABLE "crm"."quote_line" ADD COLUMN     "kind" TEXT NOT NULL DEFAULT 'service';

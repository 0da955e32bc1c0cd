-- AlterTable
ALTER TABLE "portal"."share" ADD COLUMN     "vendor" TEXT,
ADD COLUMN     "vendor_envelope_id" TEXT;

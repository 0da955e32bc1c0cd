-- AlterTable
ALTER TABLE "crm"."contact" ADD COLUMN     "email_bounce_reason" TEXT,
ADD COLUMN     "email_bounced_at" TIMESTAMPTZ(3);

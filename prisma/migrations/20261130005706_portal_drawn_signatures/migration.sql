-- AlterTable
ALTER TABLE "portal"."signature_request" ADD COLUMN     "drawn_signature" BYTEA;

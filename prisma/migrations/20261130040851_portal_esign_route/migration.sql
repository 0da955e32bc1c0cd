-- CreateEnum
CREATE TYPE "portal"."PortalEsignRoute" AS ENUM ('portal', 'send_contract');

-- AlterTable
ALTER TABLE "portal"."portal" ADD COLUMN     "esign_route" "portal"."PortalEsignRoute" NOT NULL DEFAULT 'portal';

-- AlterTable
ALTER TABLE "portal"."share" ADD COLUMN     "vendor_signer_id" UUID;

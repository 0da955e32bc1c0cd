-- AlterTable
ALTER TABLE "platform"."hub_session" ADD COLUMN     "tokens_ciphertext" BYTEA,
ADD COLUMN     "tokens_kek_version" INTEGER,
ADD COLUMN     "tokens_wrapped_key" BYTEA,
ALTER COLUMN "id_token" DROP NOT NULL;

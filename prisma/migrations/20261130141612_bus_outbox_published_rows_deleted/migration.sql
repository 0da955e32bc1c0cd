-- The relay now deletes the rows it publishes (docs/decisions/0160-bus-relay-deletes-published-rows.md).
-- Rows published before this migration were only kept for retention; with the column gone they would
-- look unpublished and be sent again, so they go first.
DELETE FROM "bus"."outbox" WHERE "published_at" IS NOT NULL;

-- DropIndex
DROP INDEX "bus"."outbox_published_at_seq_idx";

-- AlterTable
ALTER TABLE "bus"."outbox" DROP COLUMN "published_at";

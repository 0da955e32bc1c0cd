-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "portal";

-- CreateEnum
CREATE TYPE "portal"."PortalDomainStatus" AS ENUM ('pending', 'verified', 'active', 'failed');

-- CreateEnum
CREATE TYPE "portal"."PortalShareKind" AS ENUM ('quote', 'document');

-- CreateEnum
CREATE TYPE "portal"."PortalShareStatus" AS ENUM ('shared', 'viewed', 'accepted', 'declined', 'signed');

-- AlterTable
ALTER TABLE "crm"."settings" ADD COLUMN     "win_deal_on_quote_accept" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "portal"."portal" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "branding" JSONB NOT NULL,
    "support" JSONB NOT NULL DEFAULT '{}',
    "features" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "portal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "portal"."domain" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "portal_id" UUID NOT NULL,
    "host" TEXT NOT NULL,
    "challenge" TEXT NOT NULL,
    "status" "portal"."PortalDomainStatus" NOT NULL DEFAULT 'pending',
    "failure_reason" TEXT,
    "checked_at" TIMESTAMPTZ(3),
    "verified_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "domain_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "portal"."user" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "portal_id" UUID NOT NULL,
    "contact_id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "invited_by" TEXT NOT NULL,
    "invited_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "portal"."magic_link" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "portal_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "requested_ip" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "magic_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "portal"."session" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "portal_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "portal"."share" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "portal_id" UUID NOT NULL,
    "company_id" UUID NOT NULL,
    "kind" "portal"."PortalShareKind" NOT NULL,
    "source_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "snapshot" JSONB NOT NULL,
    "pdf" BYTEA NOT NULL,
    "sha256" TEXT NOT NULL,
    "status" "portal"."PortalShareStatus" NOT NULL DEFAULT 'shared',
    "response_comment" TEXT,
    "responded_by" UUID,
    "responded_at" TIMESTAMPTZ(3),
    "signed_pdf" BYTEA,
    "signed_sha256" TEXT,
    "shared_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "share_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "portal"."signature_event" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "share_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "detail" JSONB NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "signature_event_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "portal_slug_key" ON "portal"."portal"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "domain_host_key" ON "portal"."domain"("host");

-- CreateIndex
CREATE UNIQUE INDEX "user_portal_id_email_key" ON "portal"."user"("portal_id", "email");

-- CreateIndex
CREATE UNIQUE INDEX "magic_link_token_hash_key" ON "portal"."magic_link"("token_hash");

-- CreateIndex
CREATE INDEX "magic_link_portal_id_created_at_idx" ON "portal"."magic_link"("portal_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "session_token_hash_key" ON "portal"."session"("token_hash");

-- CreateIndex
CREATE UNIQUE INDEX "share_portal_id_kind_source_id_key" ON "portal"."share"("portal_id", "kind", "source_id");

-- CreateIndex
CREATE UNIQUE INDEX "signature_event_share_id_seq_key" ON "portal"."signature_event"("share_id", "seq");

-- AddForeignKey
ALTER TABLE "portal"."domain" ADD CONSTRAINT "domain_portal_id_fkey" FOREIGN KEY ("portal_id") REFERENCES "portal"."portal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal"."user" ADD CONSTRAINT "user_portal_id_fkey" FOREIGN KEY ("portal_id") REFERENCES "portal"."portal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal"."magic_link" ADD CONSTRAINT "magic_link_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "portal"."user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal"."session" ADD CONSTRAINT "session_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "portal"."user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal"."share" ADD CONSTRAINT "share_portal_id_fkey" FOREIGN KEY ("portal_id") REFERENCES "portal"."portal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal"."signature_event" ADD CONSTRAINT "signature_event_share_id_fkey" FOREIGN KEY ("share_id") REFERENCES "portal"."share"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenancy (generated by src/migrations/tenancy-sql.ts, see docs/decisions/0001-offline-migrations.md)
-- Schema "portal": usable by both roles, as are tables the migrating role creates in it later
GRANT USAGE ON SCHEMA "portal" TO suite_app, suite_system;
ALTER DEFAULT PRIVILEGES IN SCHEMA "portal" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO suite_app, suite_system;
ALTER DEFAULT PRIVILEGES IN SCHEMA "portal" GRANT USAGE, SELECT ON SEQUENCES TO suite_app, suite_system;

GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "portal" TO suite_app, suite_system;

-- "portal"."portal" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "portal"."portal" TO suite_app, suite_system;
ALTER TABLE "portal"."portal" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "portal"."portal" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "portal"."portal" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "portal"."portal" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "portal"."domain" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "portal"."domain" TO suite_app, suite_system;
ALTER TABLE "portal"."domain" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "portal"."domain" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "portal"."domain" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "portal"."domain" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "portal"."user" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "portal"."user" TO suite_app, suite_system;
ALTER TABLE "portal"."user" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "portal"."user" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "portal"."user" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "portal"."user" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "portal"."magic_link" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "portal"."magic_link" TO suite_app, suite_system;
ALTER TABLE "portal"."magic_link" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "portal"."magic_link" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "portal"."magic_link" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "portal"."magic_link" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "portal"."session" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "portal"."session" TO suite_app, suite_system;
ALTER TABLE "portal"."session" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "portal"."session" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "portal"."session" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "portal"."session" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "portal"."share" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "portal"."share" TO suite_app, suite_system;
ALTER TABLE "portal"."share" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "portal"."share" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "portal"."share" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "portal"."share" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "portal"."signature_event" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "portal"."signature_event" TO suite_app, suite_system;
ALTER TABLE "portal"."signature_event" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "portal"."signature_event" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "portal"."signature_event" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "portal"."signature_event" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

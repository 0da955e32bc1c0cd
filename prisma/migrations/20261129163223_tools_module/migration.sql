-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "tools";

-- CreateEnum
CREATE TYPE "tools"."ToolsCredentialKind" AS ENUM ('api_key', 'oauth_token', 'webhook_secret', 'service_account');

-- CreateEnum
CREATE TYPE "tools"."ToolsHealth" AS ENUM ('connected', 'warning', 'error', 'not_connected');

-- CreateEnum
CREATE TYPE "tools"."ToolsActorType" AS ENUM ('tool', 'operator', 'system', 'job');

-- CreateEnum
CREATE TYPE "tools"."ToolsPausedRunStatus" AS ENUM ('paused', 'resumed', 'cancelled');

-- CreateTable
CREATE TABLE "tools"."connection" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "provider" TEXT NOT NULL,
    "settings" JSONB NOT NULL DEFAULT '{}',
    "health" "tools"."ToolsHealth" NOT NULL DEFAULT 'not_connected',
    "health_reason" TEXT,
    "health_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "failure_streak" INTEGER NOT NULL DEFAULT 0,
    "last_failure_at" TIMESTAMPTZ(3),
    "last_success_at" TIMESTAMPTZ(3),
    "verified_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tools"."credential" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "connection_id" UUID NOT NULL,
    "kind" "tools"."ToolsCredentialKind" NOT NULL,
    "kek_version" INTEGER NOT NULL,
    "wrapped_key" BYTEA NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rotated_at" TIMESTAMPTZ(3),

    CONSTRAINT "credential_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tools"."decrypt_audit" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "connection_id" UUID NOT NULL,
    "actor_type" "tools"."ToolsActorType" NOT NULL,
    "actor_id" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "request_id" TEXT,
    "trace_id" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "decrypt_audit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tools"."vendor_choice" (
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "tool" TEXT NOT NULL,
    "provider" TEXT NOT NULL,

    CONSTRAINT "vendor_choice_pkey" PRIMARY KEY ("org_id","tool")
);

-- CreateTable
CREATE TABLE "tools"."call" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "tool" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "provider" TEXT NOT NULL,
    "result" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "call_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tools"."paused_run" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "seq" BIGSERIAL NOT NULL,
    "connection_id" UUID NOT NULL,
    "tool" TEXT NOT NULL,
    "step" TEXT NOT NULL,
    "input" JSONB NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "actor_type" "tools"."ToolsActorType" NOT NULL,
    "actor_id" TEXT NOT NULL,
    "status" "tools"."ToolsPausedRunStatus" NOT NULL DEFAULT 'paused',
    "reason" TEXT NOT NULL,
    "result" JSONB,
    "paused_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMPTZ(3),

    CONSTRAINT "paused_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "tools"."oauth_state" (
    "state" TEXT NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "connection_id" UUID NOT NULL,
    "redirect_uri" TEXT NOT NULL,
    "kek_version" INTEGER NOT NULL,
    "wrapped_key" BYTEA NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "oauth_state_pkey" PRIMARY KEY ("state")
);

-- CreateTable
CREATE TABLE "tools"."rate_limit" (
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "tool" TEXT NOT NULL,
    "limit" INTEGER NOT NULL,
    "window_seconds" INTEGER NOT NULL,

    CONSTRAINT "rate_limit_pkey" PRIMARY KEY ("org_id","tool")
);

-- CreateTable
CREATE TABLE "tools"."rate_window" (
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "tool" TEXT NOT NULL,
    "window_start" TIMESTAMPTZ(3) NOT NULL,
    "used" INTEGER NOT NULL,

    CONSTRAINT "rate_window_pkey" PRIMARY KEY ("org_id","tool","window_start")
);

-- CreateTable
CREATE TABLE "tools"."notification" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "connection_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "recipients" TEXT[],
    "emailed" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(3),

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "connection_org_id_provider_key" ON "tools"."connection"("org_id", "provider");

-- CreateIndex
CREATE INDEX "credential_kek_version_idx" ON "tools"."credential"("kek_version");

-- CreateIndex
CREATE UNIQUE INDEX "credential_connection_id_kind_key" ON "tools"."credential"("connection_id", "kind");

-- CreateIndex
CREATE INDEX "decrypt_audit_org_id_connection_id_at_idx" ON "tools"."decrypt_audit"("org_id", "connection_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "call_org_id_tool_idempotency_key_key" ON "tools"."call"("org_id", "tool", "idempotency_key");

-- CreateIndex
CREATE INDEX "paused_run_connection_id_status_seq_idx" ON "tools"."paused_run"("connection_id", "status", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "paused_run_org_id_tool_idempotency_key_key" ON "tools"."paused_run"("org_id", "tool", "idempotency_key");

-- CreateIndex
CREATE INDEX "notification_org_id_created_at_idx" ON "tools"."notification"("org_id", "created_at");

-- AddForeignKey
ALTER TABLE "tools"."credential" ADD CONSTRAINT "credential_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "tools"."connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "tools"."paused_run" ADD CONSTRAINT "paused_run_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "tools"."connection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenancy (generated by src/migrations/tenancy-sql.ts, see docs/decisions/0001-offline-migrations.md)
-- Schema "tools": usable by both roles, as are tables the migrating role creates in it later
GRANT USAGE ON SCHEMA "tools" TO suite_app, suite_system;
ALTER DEFAULT PRIVILEGES IN SCHEMA "tools" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO suite_app, suite_system;
ALTER DEFAULT PRIVILEGES IN SCHEMA "tools" GRANT USAGE, SELECT ON SEQUENCES TO suite_app, suite_system;

GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "tools" TO suite_app, suite_system;

-- "tools"."connection" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "tools"."connection" TO suite_app, suite_system;
ALTER TABLE "tools"."connection" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tools"."connection" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tools"."connection" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "tools"."connection" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "tools"."credential" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "tools"."credential" TO suite_app, suite_system;
ALTER TABLE "tools"."credential" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tools"."credential" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tools"."credential" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "tools"."credential" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "tools"."decrypt_audit" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "tools"."decrypt_audit" TO suite_app, suite_system;
ALTER TABLE "tools"."decrypt_audit" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tools"."decrypt_audit" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tools"."decrypt_audit" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "tools"."decrypt_audit" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "tools"."vendor_choice" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "tools"."vendor_choice" TO suite_app, suite_system;
ALTER TABLE "tools"."vendor_choice" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tools"."vendor_choice" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tools"."vendor_choice" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "tools"."vendor_choice" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "tools"."call" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "tools"."call" TO suite_app, suite_system;
ALTER TABLE "tools"."call" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tools"."call" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tools"."call" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "tools"."call" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "tools"."paused_run" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "tools"."paused_run" TO suite_app, suite_system;
ALTER TABLE "tools"."paused_run" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tools"."paused_run" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tools"."paused_run" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "tools"."paused_run" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "tools"."oauth_state" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "tools"."oauth_state" TO suite_app, suite_system;
ALTER TABLE "tools"."oauth_state" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tools"."oauth_state" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tools"."oauth_state" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "tools"."oauth_state" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "tools"."rate_limit" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "tools"."rate_limit" TO suite_app, suite_system;
ALTER TABLE "tools"."rate_limit" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tools"."rate_limit" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tools"."rate_limit" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "tools"."rate_limit" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "tools"."rate_window" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "tools"."rate_window" TO suite_app, suite_system;
ALTER TABLE "tools"."rate_window" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tools"."rate_window" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tools"."rate_window" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "tools"."rate_window" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "tools"."notification" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "tools"."notification" TO suite_app, suite_system;
ALTER TABLE "tools"."notification" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "tools"."notification" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "tools"."notification" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "tools"."notification" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

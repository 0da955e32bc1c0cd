-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "psa";

-- CreateEnum
CREATE TYPE "psa"."client_status" AS ENUM ('active', 'on_hold', 'churned');

-- CreateEnum
CREATE TYPE "psa"."contract_status" AS ENUM ('draft', 'sent', 'signed');

-- CreateEnum
CREATE TYPE "psa"."ticket_status" AS ENUM ('new', 'in_progress', 'waiting', 'closed');

-- CreateEnum
CREATE TYPE "psa"."ticket_priority" AS ENUM ('low', 'normal', 'high', 'urgent');

-- CreateTable
CREATE TABLE "psa"."client" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "crm_company_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "domain" TEXT,
    "status" "psa"."client_status" NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "client_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "psa"."client_contact" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "client_id" UUID NOT NULL,
    "crm_contact_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "title" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "client_contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "psa"."contract" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "client_id" UUID NOT NULL,
    "crm_deal_id" UUID,
    "name" TEXT NOT NULL,
    "status" "psa"."contract_status" NOT NULL DEFAULT 'draft',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "monthly_value" DECIMAL(14,2) NOT NULL,
    "currency" TEXT NOT NULL,
    "start_date" DATE,
    "term_months" INTEGER,
    "terms" TEXT NOT NULL DEFAULT '',
    "signed_at" TIMESTAMPTZ(3),
    "signed_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "psa"."project" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "crm_deal_id" UUID NOT NULL,
    "crm_company_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "value" DECIMAL(14,2) NOT NULL,
    "recurring_revenue" DECIMAL(14,2) NOT NULL,
    "currency" TEXT NOT NULL,
    "owner_id" TEXT NOT NULL,
    "line_items" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "psa"."service" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit_price" DECIMAL(14,2) NOT NULL,
    "recurring" BOOLEAN NOT NULL,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "psa"."client_service" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "client_id" UUID NOT NULL,
    "service_id" UUID NOT NULL,
    "quantity" DECIMAL(14,2) NOT NULL,
    "crm_quote_id" UUID,
    "crm_quote_number" TEXT,
    "added_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "client_service_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "psa"."ticket_sequence" (
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "last_number" INTEGER NOT NULL,

    CONSTRAINT "ticket_sequence_pkey" PRIMARY KEY ("org_id")
);

-- CreateTable
CREATE TABLE "psa"."ticket" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "client_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "status" "psa"."ticket_status" NOT NULL DEFAULT 'new',
    "priority" "psa"."ticket_priority" NOT NULL DEFAULT 'normal',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "psa"."csat_response" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "client_id" UUID NOT NULL,
    "ticket_id" UUID,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "csat_response_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "client_org_id_crm_company_id_key" ON "psa"."client"("org_id", "crm_company_id");

-- CreateIndex
CREATE INDEX "client_contact_client_id_idx" ON "psa"."client_contact"("client_id");

-- CreateIndex
CREATE UNIQUE INDEX "client_contact_org_id_crm_contact_id_key" ON "psa"."client_contact"("org_id", "crm_contact_id");

-- CreateIndex
CREATE INDEX "contract_client_id_idx" ON "psa"."contract"("client_id");

-- CreateIndex
CREATE UNIQUE INDEX "project_org_id_crm_deal_id_key" ON "psa"."project"("org_id", "crm_deal_id");

-- CreateIndex
CREATE UNIQUE INDEX "service_org_id_code_key" ON "psa"."service"("org_id", "code");

-- CreateIndex
CREATE INDEX "client_service_client_id_idx" ON "psa"."client_service"("client_id");

-- CreateIndex
CREATE INDEX "ticket_client_id_idx" ON "psa"."ticket"("client_id");

-- CreateIndex
CREATE UNIQUE INDEX "ticket_org_id_number_key" ON "psa"."ticket"("org_id", "number");

-- CreateIndex
CREATE INDEX "csat_response_client_id_idx" ON "psa"."csat_response"("client_id");

-- AddForeignKey
ALTER TABLE "psa"."client_contact" ADD CONSTRAINT "client_contact_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "psa"."client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "psa"."contract" ADD CONSTRAINT "contract_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "psa"."client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "psa"."client_service" ADD CONSTRAINT "client_service_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "psa"."client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "psa"."client_service" ADD CONSTRAINT "client_service_service_id_fkey" FOREIGN KEY ("service_id") REFERENCES "psa"."service"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "psa"."ticket" ADD CONSTRAINT "ticket_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "psa"."client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "psa"."csat_response" ADD CONSTRAINT "csat_response_client_id_fkey" FOREIGN KEY ("client_id") REFERENCES "psa"."client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "psa"."csat_response" ADD CONSTRAINT "csat_response_ticket_id_fkey" FOREIGN KEY ("ticket_id") REFERENCES "psa"."ticket"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Tenancy (generated by src/migrations/tenancy-sql.ts, see docs/decisions/0001-offline-migrations.md)
-- Schema "psa": usable by both roles, as are tables the migrating role creates in it later
GRANT USAGE ON SCHEMA "psa" TO suite_app, suite_system;
ALTER DEFAULT PRIVILEGES IN SCHEMA "psa" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO suite_app, suite_system;
ALTER DEFAULT PRIVILEGES IN SCHEMA "psa" GRANT USAGE, SELECT ON SEQUENCES TO suite_app, suite_system;

GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "psa" TO suite_app, suite_system;

-- "psa"."client" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "psa"."client" TO suite_app, suite_system;
ALTER TABLE "psa"."client" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "psa"."client" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "psa"."client" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "psa"."client" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "psa"."client_contact" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "psa"."client_contact" TO suite_app, suite_system;
ALTER TABLE "psa"."client_contact" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "psa"."client_contact" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "psa"."client_contact" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "psa"."client_contact" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "psa"."contract" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "psa"."contract" TO suite_app, suite_system;
ALTER TABLE "psa"."contract" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "psa"."contract" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "psa"."contract" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "psa"."contract" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "psa"."project" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "psa"."project" TO suite_app, suite_system;
ALTER TABLE "psa"."project" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "psa"."project" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "psa"."project" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "psa"."project" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "psa"."service" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "psa"."service" TO suite_app, suite_system;
ALTER TABLE "psa"."service" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "psa"."service" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "psa"."service" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "psa"."service" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "psa"."client_service" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "psa"."client_service" TO suite_app, suite_system;
ALTER TABLE "psa"."client_service" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "psa"."client_service" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "psa"."client_service" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "psa"."client_service" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "psa"."ticket_sequence" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "psa"."ticket_sequence" TO suite_app, suite_system;
ALTER TABLE "psa"."ticket_sequence" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "psa"."ticket_sequence" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "psa"."ticket_sequence" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "psa"."ticket_sequence" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "psa"."ticket" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "psa"."ticket" TO suite_app, suite_system;
ALTER TABLE "psa"."ticket" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "psa"."ticket" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "psa"."ticket" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "psa"."ticket" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "psa"."csat_response" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "psa"."csat_response" TO suite_app, suite_system;
ALTER TABLE "psa"."csat_response" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "psa"."csat_response" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "psa"."csat_response" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "psa"."csat_response" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

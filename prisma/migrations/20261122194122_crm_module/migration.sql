-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "crm";

-- CreateEnum
CREATE TYPE "crm"."CrmCompanyStatus" AS ENUM ('prospect', 'active', 'churned', 'inactive');

-- CreateEnum
CREATE TYPE "crm"."CrmDealStage" AS ENUM ('lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost');

-- CreateEnum
CREATE TYPE "crm"."CrmQuoteStatus" AS ENUM ('draft', 'sent', 'accepted', 'declined');

-- CreateTable
CREATE TABLE "crm"."settings" (
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "create_project_on_win" BOOLEAN NOT NULL DEFAULT true,
    "default_currency" CHAR(3) NOT NULL DEFAULT 'USD',
    "last_quote_number" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("org_id")
);

-- CreateTable
CREATE TABLE "crm"."company" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "name" TEXT NOT NULL,
    "domain" TEXT,
    "status" "crm"."CrmCompanyStatus" NOT NULL DEFAULT 'prospect',
    "promoted_at" TIMESTAMPTZ(3),
    "health_score" INTEGER,
    "health_inputs" JSONB,
    "health_computed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "company_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crm"."contact" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "company_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "title" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "contact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crm"."deal" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "company_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "stage" "crm"."CrmDealStage" NOT NULL DEFAULT 'lead',
    "value" DECIMAL(14,2) NOT NULL,
    "recurring_revenue" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "currency" CHAR(3) NOT NULL,
    "owner_id" TEXT NOT NULL,
    "create_project" BOOLEAN,
    "term_months" INTEGER,
    "won_at" TIMESTAMPTZ(3),
    "won_via" TEXT,
    "lost_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "deal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crm"."deal_line_item" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "deal_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "service_code" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" DECIMAL(12,2) NOT NULL,
    "unit_price" DECIMAL(14,2) NOT NULL,
    "recurring" BOOLEAN NOT NULL,

    CONSTRAINT "deal_line_item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crm"."quote" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "company_id" UUID NOT NULL,
    "deal_id" UUID,
    "number" INTEGER NOT NULL,
    "status" "crm"."CrmQuoteStatus" NOT NULL DEFAULT 'draft',
    "currency" CHAR(3) NOT NULL,
    "total" DECIMAL(14,2) NOT NULL,
    "recurring_total" DECIMAL(14,2) NOT NULL,
    "note" TEXT,
    "requested_by" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "quote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crm"."quote_line" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "quote_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "service_code" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" DECIMAL(12,2) NOT NULL,
    "unit_price" DECIMAL(14,2) NOT NULL,
    "recurring" BOOLEAN NOT NULL,

    CONSTRAINT "quote_line_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crm"."activity" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "company_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "detail" JSONB NOT NULL DEFAULT '{}',
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,
    "source_key" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "activity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crm"."csat_response" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "company_id" UUID NOT NULL,
    "ticket_id" UUID,
    "score" INTEGER NOT NULL,
    "comment" TEXT,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "csat_response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crm"."ticket" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "company_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "subject" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "priority" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ticket_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "crm"."esign_request" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "company_id" UUID NOT NULL,
    "contract_id" UUID NOT NULL,
    "revision" INTEGER NOT NULL,
    "changes" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'requested',
    "requested_by" TEXT NOT NULL,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "esign_request_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "company_org_id_name_idx" ON "crm"."company"("org_id", "name");

-- CreateIndex
CREATE INDEX "contact_company_id_idx" ON "crm"."contact"("company_id");

-- CreateIndex
CREATE INDEX "deal_company_id_stage_idx" ON "crm"."deal"("company_id", "stage");

-- CreateIndex
CREATE UNIQUE INDEX "deal_line_item_deal_id_position_key" ON "crm"."deal_line_item"("deal_id", "position");

-- CreateIndex
CREATE INDEX "quote_company_id_idx" ON "crm"."quote"("company_id");

-- CreateIndex
CREATE UNIQUE INDEX "quote_org_id_number_key" ON "crm"."quote"("org_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "quote_line_quote_id_position_key" ON "crm"."quote_line"("quote_id", "position");

-- CreateIndex
CREATE INDEX "activity_company_id_occurred_at_id_idx" ON "crm"."activity"("company_id", "occurred_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "activity_org_id_source_key_key" ON "crm"."activity"("org_id", "source_key");

-- CreateIndex
CREATE INDEX "csat_response_company_id_submitted_at_idx" ON "crm"."csat_response"("company_id", "submitted_at");

-- CreateIndex
CREATE INDEX "ticket_company_id_status_idx" ON "crm"."ticket"("company_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "esign_request_org_id_contract_id_revision_key" ON "crm"."esign_request"("org_id", "contract_id", "revision");

-- AddForeignKey
ALTER TABLE "crm"."contact" ADD CONSTRAINT "contact_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "crm"."company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crm"."deal" ADD CONSTRAINT "deal_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "crm"."company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crm"."deal_line_item" ADD CONSTRAINT "deal_line_item_deal_id_fkey" FOREIGN KEY ("deal_id") REFERENCES "crm"."deal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crm"."quote" ADD CONSTRAINT "quote_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "crm"."company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crm"."quote" ADD CONSTRAINT "quote_deal_id_fkey" FOREIGN KEY ("deal_id") REFERENCES "crm"."deal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crm"."quote_line" ADD CONSTRAINT "quote_line_quote_id_fkey" FOREIGN KEY ("quote_id") REFERENCES "crm"."quote"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crm"."activity" ADD CONSTRAINT "activity_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "crm"."company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crm"."csat_response" ADD CONSTRAINT "csat_response_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "crm"."company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crm"."ticket" ADD CONSTRAINT "ticket_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "crm"."company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "crm"."esign_request" ADD CONSTRAINT "esign_request_company_id_fkey" FOREIGN KEY ("company_id") REFERENCES "crm"."company"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenancy (generated by src/migrations/tenancy-sql.ts, see docs/decisions/0001-offline-migrations.md)
-- Schema "crm": usable by both roles, as are tables the migrating role creates in it later
GRANT USAGE ON SCHEMA "crm" TO suite_app, suite_system;
ALTER DEFAULT PRIVILEGES IN SCHEMA "crm" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO suite_app, suite_system;
ALTER DEFAULT PRIVILEGES IN SCHEMA "crm" GRANT USAGE, SELECT ON SEQUENCES TO suite_app, suite_system;

GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "crm" TO suite_app, suite_system;

-- "crm"."settings" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "crm"."settings" TO suite_app, suite_system;
ALTER TABLE "crm"."settings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "crm"."settings" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "crm"."settings" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "crm"."settings" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "crm"."company" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "crm"."company" TO suite_app, suite_system;
ALTER TABLE "crm"."company" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "crm"."company" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "crm"."company" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "crm"."company" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "crm"."contact" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "crm"."contact" TO suite_app, suite_system;
ALTER TABLE "crm"."contact" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "crm"."contact" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "crm"."contact" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "crm"."contact" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "crm"."deal" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "crm"."deal" TO suite_app, suite_system;
ALTER TABLE "crm"."deal" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "crm"."deal" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "crm"."deal" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "crm"."deal" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "crm"."deal_line_item" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "crm"."deal_line_item" TO suite_app, suite_system;
ALTER TABLE "crm"."deal_line_item" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "crm"."deal_line_item" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "crm"."deal_line_item" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "crm"."deal_line_item" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "crm"."quote" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "crm"."quote" TO suite_app, suite_system;
ALTER TABLE "crm"."quote" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "crm"."quote" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "crm"."quote" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "crm"."quote" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "crm"."quote_line" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "crm"."quote_line" TO suite_app, suite_system;
ALTER TABLE "crm"."quote_line" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "crm"."quote_line" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "crm"."quote_line" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "crm"."quote_line" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "crm"."activity" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "crm"."activity" TO suite_app, suite_system;
ALTER TABLE "crm"."activity" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "crm"."activity" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "crm"."activity" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "crm"."activity" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "crm"."csat_response" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "crm"."csat_response" TO suite_app, suite_system;
ALTER TABLE "crm"."csat_response" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "crm"."csat_response" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "crm"."csat_response" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "crm"."csat_response" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "crm"."ticket" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "crm"."ticket" TO suite_app, suite_system;
ALTER TABLE "crm"."ticket" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "crm"."ticket" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "crm"."ticket" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "crm"."ticket" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "crm"."esign_request" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "crm"."esign_request" TO suite_app, suite_system;
ALTER TABLE "crm"."esign_request" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "crm"."esign_request" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "crm"."esign_request" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "crm"."esign_request" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

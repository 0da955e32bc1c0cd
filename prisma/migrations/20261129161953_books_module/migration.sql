-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "books";

-- CreateEnum
CREATE TYPE "books"."contract_status" AS ENUM ('draft', 'active', 'ended');

-- CreateEnum
CREATE TYPE "books"."cadence" AS ENUM ('one_off', 'monthly', 'quarterly', 'annual');

-- CreateEnum
CREATE TYPE "books"."invoice_status" AS ENUM ('draft', 'finalized', 'paid', 'void');

-- CreateTable
CREATE TABLE "books"."settings" (
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "auto_activate_contracts" BOOLEAN NOT NULL DEFAULT false,
    "default_gl_account_id" UUID,
    "last_invoice_number" INTEGER NOT NULL DEFAULT 0,
    "last_credit_note_number" INTEGER NOT NULL DEFAULT 0,
    "payment_terms_days" INTEGER NOT NULL DEFAULT 30,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("org_id")
);

-- CreateTable
CREATE TABLE "books"."billing_account" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "crm_company_id" UUID NOT NULL,
    "psa_client_id" UUID,
    "name" TEXT,
    "billing_contact" TEXT,
    "billing_email" TEXT,
    "currency" CHAR(3) NOT NULL,
    "payment_terms_days" INTEGER NOT NULL DEFAULT 30,
    "tax_rate_bp" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "billing_account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "books"."contract" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "billing_account_id" UUID NOT NULL,
    "crm_deal_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "status" "books"."contract_status" NOT NULL DEFAULT 'draft',
    "currency" CHAR(3) NOT NULL,
    "value_minor" BIGINT NOT NULL,
    "mrr_minor" BIGINT NOT NULL,
    "current_version" INTEGER NOT NULL DEFAULT 1,
    "activated_at" TIMESTAMPTZ(3),
    "activated_by" TEXT,
    "ended_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "contract_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "books"."contract_version" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "contract_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "effective_from" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "source_key" TEXT NOT NULL,
    "value_minor" BIGINT NOT NULL,
    "mrr_minor" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contract_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "books"."contract_line" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "contract_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "item_code" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" DECIMAL(12,4) NOT NULL,
    "unit_price_minor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "cadence" "books"."cadence" NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE,
    "gl_account_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contract_line_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "books"."gl_account" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "archived_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gl_account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "books"."item_mapping" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "item_code" TEXT NOT NULL,
    "gl_account_id" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "item_mapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "books"."invoice" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "billing_account_id" UUID NOT NULL,
    "contract_id" UUID,
    "number" INTEGER,
    "status" "books"."invoice_status" NOT NULL DEFAULT 'draft',
    "currency" CHAR(3) NOT NULL,
    "issued_on" DATE,
    "due_on" DATE,
    "subtotal_minor" BIGINT NOT NULL DEFAULT 0,
    "tax_minor" BIGINT NOT NULL DEFAULT 0,
    "total_minor" BIGINT NOT NULL DEFAULT 0,
    "paid_minor" BIGINT NOT NULL DEFAULT 0,
    "credited_minor" BIGINT NOT NULL DEFAULT 0,
    "finalized_at" TIMESTAMPTZ(3),
    "paid_at" TIMESTAMPTZ(3),
    "voided_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "books"."invoice_line" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "invoice_id" UUID NOT NULL,
    "contract_line_id" UUID,
    "position" INTEGER NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "days_billed" INTEGER NOT NULL,
    "days_in_period" INTEGER NOT NULL,
    "item_code" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "quantity" DECIMAL(12,4) NOT NULL,
    "unit_price_minor" BIGINT NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "tax_rate_bp" INTEGER NOT NULL,
    "tax_minor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "gl_account_id" UUID NOT NULL,
    "gl_account_code" TEXT NOT NULL,
    "gl_account_name" TEXT NOT NULL,

    CONSTRAINT "invoice_line_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "books"."credit_note" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "invoice_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "credit_note_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "books"."payment" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "billing_account_id" UUID NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "unapplied_minor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "received_on" DATE NOT NULL,
    "reference" TEXT,
    "source" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "books"."payment_allocation" (
    "id" UUID NOT NULL,
    "org_id" UUID NOT NULL DEFAULT (NULLIF(current_setting('app.org_id', true), ''))::uuid,
    "payment_id" UUID NOT NULL,
    "invoice_id" UUID NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "payment_allocation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "billing_account_org_id_crm_company_id_key" ON "books"."billing_account"("org_id", "crm_company_id");

-- CreateIndex
CREATE INDEX "contract_billing_account_id_idx" ON "books"."contract"("billing_account_id");

-- CreateIndex
CREATE UNIQUE INDEX "contract_org_id_crm_deal_id_key" ON "books"."contract"("org_id", "crm_deal_id");

-- CreateIndex
CREATE UNIQUE INDEX "contract_version_contract_id_version_key" ON "books"."contract_version"("contract_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "contract_version_org_id_source_key_key" ON "books"."contract_version"("org_id", "source_key");

-- CreateIndex
CREATE INDEX "contract_line_org_id_starts_on_idx" ON "books"."contract_line"("org_id", "starts_on");

-- CreateIndex
CREATE UNIQUE INDEX "contract_line_contract_id_version_position_key" ON "books"."contract_line"("contract_id", "version", "position");

-- CreateIndex
CREATE UNIQUE INDEX "gl_account_org_id_code_key" ON "books"."gl_account"("org_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "item_mapping_org_id_item_code_key" ON "books"."item_mapping"("org_id", "item_code");

-- CreateIndex
CREATE INDEX "invoice_billing_account_id_status_idx" ON "books"."invoice"("billing_account_id", "status");

-- CreateIndex
CREATE INDEX "invoice_org_id_issued_on_idx" ON "books"."invoice"("org_id", "issued_on");

-- CreateIndex
CREATE UNIQUE INDEX "invoice_org_id_number_key" ON "books"."invoice"("org_id", "number");

-- CreateIndex
CREATE INDEX "invoice_line_invoice_id_idx" ON "books"."invoice_line"("invoice_id");

-- CreateIndex
CREATE UNIQUE INDEX "invoice_line_contract_line_id_period_start_key" ON "books"."invoice_line"("contract_line_id", "period_start");

-- CreateIndex
CREATE UNIQUE INDEX "credit_note_org_id_number_key" ON "books"."credit_note"("org_id", "number");

-- CreateIndex
CREATE INDEX "payment_billing_account_id_idx" ON "books"."payment"("billing_account_id");

-- CreateIndex
CREATE UNIQUE INDEX "payment_org_id_idempotency_key_key" ON "books"."payment"("org_id", "idempotency_key");

-- CreateIndex
CREATE INDEX "payment_allocation_payment_id_idx" ON "books"."payment_allocation"("payment_id");

-- CreateIndex
CREATE INDEX "payment_allocation_invoice_id_idx" ON "books"."payment_allocation"("invoice_id");

-- AddForeignKey
ALTER TABLE "books"."contract" ADD CONSTRAINT "contract_billing_account_id_fkey" FOREIGN KEY ("billing_account_id") REFERENCES "books"."billing_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "books"."contract_version" ADD CONSTRAINT "contract_version_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "books"."contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "books"."contract_line" ADD CONSTRAINT "contract_line_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "books"."contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "books"."contract_line" ADD CONSTRAINT "contract_line_gl_account_id_fkey" FOREIGN KEY ("gl_account_id") REFERENCES "books"."gl_account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "books"."item_mapping" ADD CONSTRAINT "item_mapping_gl_account_id_fkey" FOREIGN KEY ("gl_account_id") REFERENCES "books"."gl_account"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "books"."invoice" ADD CONSTRAINT "invoice_billing_account_id_fkey" FOREIGN KEY ("billing_account_id") REFERENCES "books"."billing_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "books"."invoice" ADD CONSTRAINT "invoice_contract_id_fkey" FOREIGN KEY ("contract_id") REFERENCES "books"."contract"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "books"."invoice_line" ADD CONSTRAINT "invoice_line_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "books"."invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "books"."invoice_line" ADD CONSTRAINT "invoice_line_contract_line_id_fkey" FOREIGN KEY ("contract_line_id") REFERENCES "books"."contract_line"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "books"."credit_note" ADD CONSTRAINT "credit_note_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "books"."invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "books"."payment" ADD CONSTRAINT "payment_billing_account_id_fkey" FOREIGN KEY ("billing_account_id") REFERENCES "books"."billing_account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "books"."payment_allocation" ADD CONSTRAINT "payment_allocation_payment_id_fkey" FOREIGN KEY ("payment_id") REFERENCES "books"."payment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "books"."payment_allocation" ADD CONSTRAINT "payment_allocation_invoice_id_fkey" FOREIGN KEY ("invoice_id") REFERENCES "books"."invoice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Tenancy (generated by src/migrations/tenancy-sql.ts, see docs/decisions/0001-offline-migrations.md)
-- Schema "books": usable by both roles, as are tables the migrating role creates in it later
GRANT USAGE ON SCHEMA "books" TO suite_app, suite_system;
ALTER DEFAULT PRIVILEGES IN SCHEMA "books" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO suite_app, suite_system;
ALTER DEFAULT PRIVILEGES IN SCHEMA "books" GRANT USAGE, SELECT ON SEQUENCES TO suite_app, suite_system;

GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "books" TO suite_app, suite_system;

-- "books"."settings" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "books"."settings" TO suite_app, suite_system;
ALTER TABLE "books"."settings" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "books"."settings" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "books"."settings" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "books"."settings" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "books"."billing_account" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "books"."billing_account" TO suite_app, suite_system;
ALTER TABLE "books"."billing_account" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "books"."billing_account" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "books"."billing_account" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "books"."billing_account" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "books"."contract" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "books"."contract" TO suite_app, suite_system;
ALTER TABLE "books"."contract" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "books"."contract" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "books"."contract" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "books"."contract" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "books"."contract_version" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "books"."contract_version" TO suite_app, suite_system;
ALTER TABLE "books"."contract_version" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "books"."contract_version" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "books"."contract_version" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "books"."contract_version" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "books"."contract_line" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "books"."contract_line" TO suite_app, suite_system;
ALTER TABLE "books"."contract_line" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "books"."contract_line" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "books"."contract_line" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "books"."contract_line" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "books"."gl_account" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "books"."gl_account" TO suite_app, suite_system;
ALTER TABLE "books"."gl_account" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "books"."gl_account" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "books"."gl_account" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "books"."gl_account" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "books"."item_mapping" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "books"."item_mapping" TO suite_app, suite_system;
ALTER TABLE "books"."item_mapping" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "books"."item_mapping" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "books"."item_mapping" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "books"."item_mapping" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "books"."invoice" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "books"."invoice" TO suite_app, suite_system;
ALTER TABLE "books"."invoice" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "books"."invoice" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "books"."invoice" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "books"."invoice" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "books"."invoice_line" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "books"."invoice_line" TO suite_app, suite_system;
ALTER TABLE "books"."invoice_line" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "books"."invoice_line" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "books"."invoice_line" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "books"."invoice_line" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "books"."credit_note" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "books"."credit_note" TO suite_app, suite_system;
ALTER TABLE "books"."credit_note" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "books"."credit_note" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "books"."credit_note" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "books"."credit_note" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "books"."payment" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "books"."payment" TO suite_app, suite_system;
ALTER TABLE "books"."payment" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "books"."payment" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "books"."payment" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "books"."payment" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

-- "books"."payment_allocation" is tenant-owned (org_id)
GRANT SELECT, INSERT, UPDATE, DELETE ON "books"."payment_allocation" TO suite_app, suite_system;
ALTER TABLE "books"."payment_allocation" ENABLE ROW LEVEL SECURITY;
ALTER TABLE "books"."payment_allocation" FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "books"."payment_allocation" AS PERMISSIVE FOR ALL TO suite_app
  USING ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid)
  WITH CHECK ("org_id" = NULLIF(current_setting('app.org_id', true), '')::uuid);
CREATE POLICY system_access ON "books"."payment_allocation" AS PERMISSIVE FOR ALL TO suite_system
  USING (true)
  WITH CHECK (true);

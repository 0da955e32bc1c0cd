import type pg from 'pg';

/** Active contracts of `lines` monthly lines starting on `startsOn`, inserted in bulk; returns ms taken. */
export async function seedContracts(
  sql: pg.Pool,
  orgId: string,
  contracts: number,
  lines: number,
  startsOn: string,
): Promise<number> {
  const started = performance.now();
  const gl = await sql.query<{ id: string }>(
    `INSERT INTO books.gl_account (id, org_id, code, name) VALUES (gen_random_uuid(), $1, '4000', 'Managed services') RETURNING id`,
    [orgId],
  );
  await sql.query(
    `WITH accounts AS (
       INSERT INTO books.billing_account (id, org_id, crm_company_id, name, currency, updated_at)
       SELECT gen_random_uuid(), $1, gen_random_uuid(), 'Client ' || i, 'USD', now() FROM generate_series(1, $2) i
       RETURNING id),
     contracts AS (
       INSERT INTO books.contract (id, org_id, billing_account_id, crm_deal_id, name, status, currency,
                                   value_minor, mrr_minor, activated_at, activated_by, updated_at)
       SELECT gen_random_uuid(), $1, id, gen_random_uuid(), 'Managed services', 'active', 'USD',
              1500000, 125000, now(), 'bench', now() FROM accounts
       RETURNING id)
     INSERT INTO books.contract_line (id, org_id, contract_id, version, position, item_code, description,
                                      quantity, unit_price_minor, currency, cadence, starts_on, gl_account_id)
     SELECT gen_random_uuid(), $1, c.id, 1, p, 'SVC-' || p, 'Service ' || p, p + 1, 3333, 'USD', 'monthly',
            $4::date, $5::uuid
     FROM contracts c, generate_series(0, $3 - 1) p`,
    [orgId, contracts, lines, startsOn, gl.rows[0]?.id],
  );
  // Planner statistics, as autovacuum would have them for tables this size: both sides plan with them.
  await sql.query('ANALYZE books.contract, books.contract_line, books.billing_account, books.gl_account');
  return performance.now() - started;
}

/**
 * The baseline: for every contract, one transaction inserting what the billing run inserts for it (the
 * next number, the invoice, its lines, the outbox event) with plain SQL, for the period starting
 * `periodStart`. Returns the seconds taken.
 */
export async function plainSqlInvoices(sql: pg.Pool, orgId: string, periodStart: string): Promise<number> {
  const client = await sql.connect();
  try {
    const contracts = await client.query<{ id: string; billing_account_id: string }>(
      `SELECT id, billing_account_id FROM books.contract WHERE org_id = $1 ORDER BY created_at`,
      [orgId],
    );
    const started = performance.now();
    for (const contract of contracts.rows) {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.org_id', $1, true)`, [orgId]);
      const number = await client.query<{ n: number }>(
        `UPDATE books.settings SET last_invoice_number = last_invoice_number + 1 WHERE org_id = $1 RETURNING last_invoice_number AS n`,
        [orgId],
      );
      const invoice = await client.query<{ id: string }>(
        `INSERT INTO books.invoice (id, org_id, billing_account_id, contract_id, number, status, currency, issued_on,
                                    due_on, subtotal_minor, tax_minor, total_minor, finalized_at)
         VALUES (gen_random_uuid(), $1, $2, $3, $4, 'finalized', 'USD', $5::date, $5::date + 30, 49995, 0, 49995, now())
         RETURNING id`,
        [orgId, contract.billing_account_id, contract.id, number.rows[0]?.n, periodStart],
      );
      await client.query(
        `INSERT INTO books.invoice_line (id, org_id, invoice_id, contract_line_id, position, period_start, period_end,
                                         days_billed, days_in_period, item_code, description, quantity,
                                         unit_price_minor, amount_minor, tax_rate_bp, tax_minor, currency,
                                         gl_account_id, gl_account_code, gl_account_name)
         SELECT gen_random_uuid(), $1, $2, l.id, l.position, $3::date, ($3::date + interval '1 month' - interval '1 day')::date,
                30, 30, l.item_code, l.description, l.quantity, l.unit_price_minor, l.unit_price_minor * l.quantity,
                0, 0, 'USD', l.gl_account_id, '4000', 'Managed services'
         FROM books.contract_line l WHERE l.contract_id = $4`,
        [orgId, invoice.rows[0]?.id, periodStart, contract.id],
      );
      await client.query(
        `INSERT INTO bus.outbox (id, org_id, aggregatetype, aggregateid, type, payload, attributes)
         VALUES (gen_random_uuid(), $1, 'books.invoice', $2, 'books.invoice.finalized', '{}'::jsonb, '{}'::jsonb)`,
        [orgId, invoice.rows[0]?.id],
      );
      await client.query('COMMIT');
    }
    return (performance.now() - started) / 1000;
  } finally {
    client.release();
  }
}

import type { CompanyView } from './company.schema';

export interface CompanyRow {
  readonly id: string;
  readonly name: string;
  readonly domain: string | null;
  readonly status: CompanyView['status'];
  readonly promotedAt: Date | null;
  readonly healthScore: number | null;
  readonly createdAt: Date;
}

export function toCompanyView(row: CompanyRow): CompanyView {
  const { id, name, domain, status, healthScore } = row;
  return {
    id,
    name,
    domain,
    status,
    healthScore,
    promotedAt: row.promotedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

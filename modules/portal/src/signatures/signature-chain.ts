import { createHash } from 'node:crypto';

/** The `prevHash` of a trail's first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** What a trail row's hash covers: everything it records except its id and its own hash. */
export interface ChainedContent {
  readonly requestId: string;
  readonly seq: number;
  readonly step: string;
  readonly actor: string;
  readonly actorName: string;
  readonly signInMethod: string;
  readonly ip: string;
  readonly userAgent: string;
  readonly at: Date;
  readonly detail: Readonly<Record<string, string>>;
}

export interface ChainedRow extends ChainedContent {
  readonly prevHash: string;
  readonly hash: string;
}

/**
 * SHA-256 over the previous row's hash and this row's content as a JSON array in a fixed order; the
 * detail's keys are sorted because PostgreSQL's jsonb does not keep the order they were written in.
 */
export function rowHash(prevHash: string, row: ChainedContent): string {
  const detail = Object.fromEntries(Object.entries(row.detail).sort(([a], [b]) => (a < b ? -1 : 1)));
  const content = JSON.stringify([
    row.requestId,
    row.seq,
    row.step,
    row.actor,
    row.actorName,
    row.signInMethod,
    row.ip,
    row.userAgent,
    row.at.toISOString(),
    detail,
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

export type ChainCheck =
  | { readonly ok: true; readonly head: string }
  | { readonly ok: false; readonly seq: number; readonly problem: string };

/** Walks a trail in `seq` order and names the first row that is missing, unlinked or altered. */
export function checkChain(rows: readonly ChainedRow[]): ChainCheck {
  let prevHash = GENESIS_HASH;
  for (const [index, row] of rows.entries()) {
    const seq = index + 1;
    const where = `row ${seq} (${row.step})`;
    if (row.seq !== seq)
      return { ok: false, seq, problem: `row ${seq} is missing: the trail jumps to row ${row.seq}` };
    if (row.prevHash !== prevHash)
      return {
        ok: false,
        seq,
        problem: `${where}: its prev_hash ${row.prevHash} is not the hash of the row before (${prevHash})`,
      };
    const recomputed = rowHash(prevHash, row);
    if (recomputed !== row.hash)
      return {
        ok: false,
        seq,
        problem: `${where}: its content no longer matches its hash (stored ${row.hash}, recomputed ${recomputed})`,
      };
    prevHash = row.hash;
  }
  return { ok: true, head: prevHash };
}

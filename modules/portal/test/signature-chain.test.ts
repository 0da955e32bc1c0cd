import { describe, expect, it } from 'vitest';
import { type ChainedRow, checkChain, GENESIS_HASH, rowHash } from '../src/signatures/signature-chain';

const REQUEST = '7d1c0c84-3f0e-4a43-9d33-9a3b0cf2e3a1';

/** A trail of `steps`, each row chained to the one before, as the service writes it. */
function trail(...steps: string[]): ChainedRow[] {
  const rows: ChainedRow[] = [];
  for (const [index, step] of steps.entries()) {
    const prevHash = rows.at(-1)?.hash ?? GENESIS_HASH;
    const content = {
      requestId: REQUEST,
      seq: index + 1,
      step,
      actor: 'client:5b8e5a7e-1b7a-4c55-8f0e-2a7c1d9e4b10',
      actorName: 'Ann Acme <ann@acme.test>',
      signInMethod: 'magic_link',
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0',
      at: new Date(Date.UTC(2026, 10, 29, 12, 0, index)),
      detail: { documentSha256: 'a'.repeat(64), note: `step ${step}` },
    };
    rows.push({ ...content, prevHash, hash: rowHash(prevHash, content) });
  }
  return rows;
}

describe('the signature trail hash chain', () => {
  it('accepts an untouched trail and gives its head', () => {
    const rows = trail('created', 'viewed', 'consented', 'signed');
    expect(checkChain(rows)).toEqual({ ok: true, head: rows[3]?.hash });
  });

  it('does not depend on the order the detail keys come back in (jsonb reorders them)', () => {
    const [row] = trail('created');
    if (!row) throw new Error('no row');
    const reordered = { ...row, detail: { note: row.detail.note ?? '', documentSha256: 'a'.repeat(64) } };
    expect(checkChain([reordered]).ok).toBe(true);
  });

  it.each([
    ['ip', { ip: '10.0.0.9' }],
    ['time', { at: new Date(Date.UTC(2026, 10, 29, 12, 0, 59)) }],
    ['detail', { detail: { documentSha256: 'b'.repeat(64), note: 'step viewed' } }],
    ['actor', { actorName: 'Mallory <m@evil.test>' }],
  ])('names the row whose %s was altered', (_what, change) => {
    const rows = trail('created', 'viewed', 'signed');
    const altered = rows.map((row) => (row.seq === 2 ? { ...row, ...change } : row));
    expect(checkChain(altered)).toMatchObject({ ok: false, seq: 2 });
    expect(checkChain(altered)).toMatchObject({
      problem: expect.stringMatching(/^row 2 \(viewed\): its content no longer matches its hash/),
    });
  });

  it('names a rehashed row by the broken link after it', () => {
    const rows = trail('created', 'viewed', 'signed');
    const row = rows[1];
    if (!row) throw new Error('no row');
    const forged = { ...row, ip: '10.0.0.9' };
    const rehashed = { ...forged, hash: rowHash(forged.prevHash, forged) };
    const check = checkChain([rows[0], rehashed, rows[2]].filter((r) => r !== undefined));
    expect(check).toMatchObject({ ok: false, seq: 3 });
  });

  it('names a deleted row', () => {
    const rows = trail('created', 'viewed', 'consented', 'signed');
    expect(checkChain(rows.filter((row) => row.seq !== 2))).toMatchObject({
      ok: false,
      seq: 2,
      problem: 'row 2 is missing: the trail jumps to row 3',
    });
  });
});

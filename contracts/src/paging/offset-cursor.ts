import { invalid } from '../errors/domain-errors';

/** A page's position as an opaque cursor: how many rows came before it. */
export function encodeOffset(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

export function decodeOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match?.[1])
    throw invalid(
      'cursor: not a cursor this API gave out; pass the nextCursor of the previous page',
      'cursor',
    );
  return Number(match[1]);
}

/** The page of `rows` (fetched with one extra row) and the cursor after it. */
export function pageOf<T>(
  rows: readonly T[],
  offset: number,
  limit: number,
): { items: T[]; nextCursor: string | null } {
  return {
    items: rows.slice(0, limit),
    nextCursor: rows.length > limit ? encodeOffset(offset + limit) : null,
  };
}

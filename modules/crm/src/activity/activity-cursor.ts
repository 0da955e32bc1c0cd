import { invalid } from '@suite/contracts';

/** Where a page ended: the last entry's time and insertion order (`seq` breaks ties of one moment). */
interface CursorPosition {
  readonly occurredAt: Date;
  readonly seq: bigint;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(`${position.occurredAt.toISOString()}|${position.seq}`).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  const [time = '', seq = ''] = Buffer.from(cursor, 'base64url').toString().split('|');
  const occurredAt = new Date(time);
  if (Number.isNaN(occurredAt.getTime()) || !/^\d{1,19}$/.test(seq))
    throw invalid(
      'cursor: not a cursor this API gave out; pass the nextCursor of the previous page',
      'cursor',
    );
  return { occurredAt, seq: BigInt(seq) };
}

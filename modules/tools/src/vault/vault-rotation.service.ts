import type { Database } from '@suite/db';
import { wrapAad } from './credential.service';
import type { Keyring } from './keyring';

export interface RotationProgress {
  readonly rewrapped: number;
  readonly remaining: number;
}

/**
 * Re-wraps every data key not under the active KEK; ciphertexts are untouched. Each row is its own
 * conditional update, so an interrupted rotation loses nothing and a second run (or a concurrent one)
 * picks up the rows still under an old version. `signal` stops it between rows.
 */
export async function rotateVault(
  db: Database,
  keyring: Keyring,
  options: { batchSize?: number; signal?: AbortSignal; onRow?: (done: number) => void } = {},
): Promise<RotationProgress> {
  const active = keyring.activeVersion;
  let rewrapped = 0;
  for (;;) {
    const batch = await db.system.toolsCredential.findMany({
      where: { kekVersion: { not: active } },
      orderBy: { id: 'asc' },
      take: options.batchSize ?? 100,
      select: { id: true, orgId: true, connectionId: true, kind: true, kekVersion: true, wrappedKey: true },
    });
    if (batch.length === 0) break;
    for (const row of batch) {
      if (options.signal?.aborted) return { rewrapped, remaining: await remainingRows(db, active) };
      const dataKey = keyring.unwrap(
        row.kekVersion,
        Buffer.from(row.wrappedKey),
        wrapAad(row, row.kekVersion),
      );
      const wrappedKey = keyring.wrap(dataKey, wrapAad(row, active));
      dataKey.fill(0);
      const { count } = await db.system.toolsCredential.updateMany({
        where: { id: row.id, kekVersion: row.kekVersion },
        data: { kekVersion: active, wrappedKey: new Uint8Array(wrappedKey), rotatedAt: new Date() },
      });
      rewrapped += count;
      options.onRow?.(rewrapped);
    }
  }
  return { rewrapped, remaining: 0 };
}

function remainingRows(db: Database, active: number): Promise<number> {
  return db.system.toolsCredential.count({ where: { kekVersion: { not: active } } });
}

import type { OrgTransaction } from '@suite/db';
import { connectionById } from '../connections/connection.service';
import { recordOutcome } from '../health/connection-health.service';
import {
  type M365Credential,
  type M365Settings,
  m365Credential,
  m365Settings,
} from '../providers/microsoft365/microsoft365.settings';
import { VendorError } from '../providers/vendor-error';
import { decryptCredential } from '../vault/credential.service';
import { type FolderKey, recordFolderFailure } from './mail-cursor.service';

export const SYNC_JOB = 'm365.delta-sync';

/** Failed rounds in a row after which a folder's trouble becomes the connection's. */
const FAILURES_BEFORE_HEALTH = 3;

export interface SyncCredential {
  readonly credential: M365Credential;
  readonly settings: M365Settings;
}

/** The connection's credential for one sync run, decrypted with its audit row like every tool call's. */
export async function syncCredential(
  tx: OrgTransaction,
  connectionId: string,
): Promise<SyncCredential | undefined> {
  const connection = await connectionById(tx, connectionId);
  const stored = await decryptCredential(
    tx,
    { orgId: connection.orgId, connectionId, kind: 'service_account' },
    { actorType: 'job', actorId: SYNC_JOB, purpose: SYNC_JOB },
  );
  if (stored === undefined) return undefined;
  return { credential: m365Credential.parse(stored), settings: m365Settings.parse(connection.settings) };
}

/**
 * A folder's round failed. A refused credential puts the connection in Error at once; other failures
 * move its health only once the folder keeps failing, so one bad mailbox does not stop the job.
 */
export async function folderFailed(tx: OrgTransaction, key: FolderKey, error: unknown): Promise<void> {
  const known = error instanceof VendorError ? error : undefined;
  const message = known?.message ?? 'Microsoft Graph answered in a way the sync did not expect';
  const streak = await recordFolderFailure(tx, key, message);
  if (known?.failure !== 'auth' && streak < FAILURES_BEFORE_HEALTH) return;
  const connection = await connectionById(tx, key.connectionId);
  const outcome =
    known?.failure === 'auth' ? 'auth' : known?.failure === 'rate_limited' ? 'rate_limited' : 'unavailable';
  await recordOutcome(tx, connection, outcome, `${key.mailbox} (${key.folder}): ${message}`);
}

/** A clean run counts as a success for the connection's health (Warning heals after quiet time). */
export async function syncSucceeded(tx: OrgTransaction, connectionId: string): Promise<void> {
  await recordOutcome(tx, await connectionById(tx, connectionId), 'success', null);
}

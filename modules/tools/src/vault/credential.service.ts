import { randomBytes } from 'node:crypto';
import type { OrgTransaction } from '@suite/db';
import type { CredentialKind, DecryptPurpose } from './credential.schema';
import { type Keyring, open, requireKeyring, seal, VaultKeyError } from './keyring';

export interface CredentialAddress {
  readonly orgId: string;
  readonly connectionId: string;
  readonly kind: CredentialKind;
  /** Sealed things that are not credential rows (an OAuth state) say what they are here. */
  readonly label?: string;
}

/** Binds the ciphertext to its org, connection and kind: copied anywhere else it does not open. */
export function dataAad({ orgId, connectionId, kind, label }: CredentialAddress): Buffer {
  return Buffer.from(
    `tools.credential|org=${orgId}|connection=${connectionId}|kind=${kind}${label ? `|${label}` : ''}`,
  );
}

/** Binds the wrapped data key to the same place and to the KEK version that wrapped it. */
export function wrapAad(address: CredentialAddress, kekVersion: number): Buffer {
  return Buffer.from(`${dataAad(address).toString()}|kek=${kekVersion}`);
}

export interface SealedCredential {
  readonly kekVersion: number;
  readonly wrappedKey: Uint8Array<ArrayBuffer>;
  readonly ciphertext: Uint8Array<ArrayBuffer>;
}

/** Envelope encryption: a fresh data key per row, wrapped by the active KEK. */
export function sealCredential(
  keyring: Keyring,
  address: CredentialAddress,
  value: unknown,
): SealedCredential {
  const dataKey = randomBytes(32);
  const ciphertext = seal(dataKey, Buffer.from(JSON.stringify(value)), dataAad(address));
  const wrappedKey = keyring.wrap(dataKey, wrapAad(address, keyring.activeVersion));
  dataKey.fill(0);
  return {
    kekVersion: keyring.activeVersion,
    wrappedKey: new Uint8Array(wrappedKey),
    ciphertext: new Uint8Array(ciphertext),
  };
}

/** Stores (or replaces) a connection's credential of one kind. Refused without a keyring (seed 004). */
export async function storeCredential(
  tx: OrgTransaction,
  address: CredentialAddress,
  value: unknown,
  keyring: Keyring = requireKeyring(),
): Promise<void> {
  const sealed = sealCredential(keyring, address, value);
  await tx.toolsCredential.upsert({
    where: { connectionId_kind: { connectionId: address.connectionId, kind: address.kind } },
    create: { connectionId: address.connectionId, kind: address.kind, ...sealed },
    update: { ...sealed, rotatedAt: new Date() },
  });
}

/**
 * The only way to a plaintext credential. Fail-closed: the audit row is written first, in the caller's
 * transaction, so a decrypt without its record cannot happen (docs/decisions/0090-tools-vault.md).
 * Returns undefined when the connection has no credential of that kind.
 */
export async function decryptCredential(
  tx: OrgTransaction,
  address: CredentialAddress,
  purpose: DecryptPurpose,
  keyring: Keyring = requireKeyring(),
): Promise<unknown> {
  const row = await tx.toolsCredential.findUnique({
    where: { connectionId_kind: { connectionId: address.connectionId, kind: address.kind } },
  });
  if (!row) return undefined;
  await tx.toolsDecryptAudit.create({
    data: {
      connectionId: address.connectionId,
      actorType: purpose.actorType,
      actorId: purpose.actorId,
      purpose: purpose.purpose,
      requestId: purpose.requestId ?? null,
      traceId: purpose.traceId ?? null,
    },
  });
  // The row's own columns, not the caller's idea of them: a row copied elsewhere fails authentication.
  return openCredential(keyring, { orgId: row.orgId, connectionId: row.connectionId, kind: row.kind }, row);
}

/** Opens sealed bytes for `address`; throws VaultKeyError when they were sealed for anywhere else. */
export function openCredential(
  keyring: Keyring,
  address: CredentialAddress,
  sealed: SealedCredential,
): unknown {
  const dataKey = keyring.unwrap(
    sealed.kekVersion,
    Buffer.from(sealed.wrappedKey),
    wrapAad(address, sealed.kekVersion),
  );
  try {
    return JSON.parse(open(dataKey, Buffer.from(sealed.ciphertext), dataAad(address)).toString());
  } catch {
    throw new VaultKeyError('a stored credential was altered; connect the vendor again');
  } finally {
    dataKey.fill(0);
  }
}

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** Where the key-encryption keys come from. A KMS-backed keyring implements the same three members. */
export interface Keyring {
  /** The version new data keys are wrapped with. */
  readonly activeVersion: number;
  wrap(dataKey: Buffer, aad: Buffer): Buffer;
  /** Throws VaultKeyError when `version` is not in the keyring or the wrapped key fails authentication. */
  unwrap(version: number, wrapped: Buffer, aad: Buffer): Buffer;
}

/** The vault cannot do what was asked with the keys it has; the message names the variable to fix. */
export class VaultKeyError extends Error {
  override readonly name = 'VaultKeyError';
}

/** AES-256-GCM, a fresh 96-bit nonce each time: nonce ‖ tag ‖ ciphertext. */
export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]);
}

/** Throws when the sealed bytes or their AAD differ from what was sealed. */
export function open(key: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE_BYTES));
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(NONCE_BYTES + TAG_BYTES)), decipher.final()]);
}

/** A keyring of versioned 256-bit keys held in process memory (from VAULT_KEYS or the dev key file). */
export function staticKeyring(keys: ReadonlyMap<number, Buffer>): Keyring {
  const activeVersion = Math.max(...keys.keys());
  const key = (version: number) => {
    const found = keys.get(version);
    if (!found)
      throw new VaultKeyError(
        `this credential is wrapped with vault key version ${version}, which VAULT_KEYS does not hold; add it back (versions held: ${[...keys.keys()].join(', ')})`,
      );
    return found;
  };
  return {
    activeVersion,
    wrap: (dataKey, aad) => seal(key(activeVersion), dataKey, aad),
    unwrap(version, wrapped, aad) {
      try {
        return open(key(version), wrapped, aad);
      } catch (error) {
        if (error instanceof VaultKeyError) throw error;
        throw new VaultKeyError(
          'a stored credential does not belong to this org and connection, or was altered; connect the vendor again',
        );
      }
    },
  };
}

/**
 * `VAULT_KEYS`: comma-separated `<version>:<base64 of 32 random bytes>` entries (`1:…,2:…`). The highest
 * version is active; older ones stay until `suite vault rotate` has re-wrapped every data key.
 */
export function parseVaultKeys(value: string): Map<number, Buffer> {
  const keys = new Map<number, Buffer>();
  for (const entry of value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^(\d{1,6}):([A-Za-z0-9+/]+={0,2})$/.exec(entry);
    const version = Number(match?.[1]);
    const key = match ? Buffer.from(match[2] as string, 'base64') : undefined;
    if (!match || version < 1 || key?.length !== KEY_BYTES)
      throw new VaultKeyError(
        `VAULT_KEYS: "${entry.slice(0, 4)}…" is not <version>:<base64 of 32 bytes>; create a key with \`suite vault new-key\``,
      );
    if (keys.has(version)) throw new VaultKeyError(`VAULT_KEYS: version ${version} appears twice`);
    keys.set(version, key);
  }
  if (keys.size === 0)
    throw new VaultKeyError('VAULT_KEYS is empty; create a key with `suite vault new-key`');
  return keys;
}

export function newKeyEntry(version: number): string {
  return `${version}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

export interface KeyringSource {
  readonly VAULT_KEYS?: string | undefined;
  readonly NODE_ENV?: string | undefined;
  readonly DATA_DIR?: string | undefined;
}

export type KeyringState =
  | { readonly status: 'ready'; readonly keyring: Keyring; readonly source: 'VAULT_KEYS' | 'dev-key-file' }
  | { readonly status: 'missing'; readonly problem: string };

export const DEV_KEY_FILE = 'vault-dev.key';

/**
 * The process's keyring. Production needs VAULT_KEYS; elsewhere, without it, a development key is
 * generated once into DATA_DIR so a fresh machine starts (the warning says it is not for real data).
 */
export function loadKeyring(env: KeyringSource): KeyringState {
  if (env.VAULT_KEYS?.trim()) {
    try {
      return {
        status: 'ready',
        keyring: staticKeyring(parseVaultKeys(env.VAULT_KEYS)),
        source: 'VAULT_KEYS',
      };
    } catch (error) {
      return { status: 'missing', problem: (error as Error).message };
    }
  }
  if (env.NODE_ENV === 'production')
    return {
      status: 'missing',
      problem:
        'VAULT_KEYS is not set: vendor credentials cannot be stored or used until it holds a key (`suite vault new-key` prints one)',
    };
  const file = path.join(env.DATA_DIR ?? './.data', DEV_KEY_FILE);
  try {
    if (!existsSync(file)) {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, `${newKeyEntry(1)}\n`, { mode: 0o600 });
    }
    return {
      status: 'ready',
      keyring: staticKeyring(parseVaultKeys(readFileSync(file, 'utf8'))),
      source: 'dev-key-file',
    };
  } catch (error) {
    return {
      status: 'missing',
      problem: `VAULT_KEYS is not set and the development key ${file} could not be used (${(error as Error).message}); set VAULT_KEYS or fix DATA_DIR`,
    };
  }
}

/** What the process says about its vault at start: one line for the log. */
export function keyringNotice(state: KeyringState): { level: 'info' | 'warn' | 'error'; message: string } {
  if (state.status === 'missing') return { level: 'error', message: `vault: ${state.problem}` };
  if (state.source === 'dev-key-file')
    return {
      level: 'warn',
      message: `vault: VAULT_KEYS is not set; using the development key in DATA_DIR/${DEV_KEY_FILE} (never for real credentials)`,
    };
  return {
    level: 'info',
    message: `vault: VAULT_KEYS holds the active key version ${state.keyring.activeVersion}`,
  };
}

let processKeyring: KeyringState = {
  status: 'missing',
  problem: 'the vault has no keyring in this process (the suite configures it from VAULT_KEYS at start)',
};

/** Loads the process's keyring from its configuration; `suite start` and the CLI call it once. */
export function configureVault(env: KeyringSource): KeyringState {
  processKeyring = loadKeyring(env);
  return processKeyring;
}

export function currentKeyring(): KeyringState {
  return processKeyring;
}

/** The ready keyring, or the named refusal (seed 004: no key, no credentials). */
export function requireKeyring(state: KeyringState = currentKeyring()): Keyring {
  if (state.status === 'missing') throw new VaultKeyError(state.problem);
  return state.keyring;
}

import { hostname } from 'node:os';
import type { ModuleName } from '@suite/contracts';
import { type Database, forOrg } from '@suite/db';
import {
  createIntegrationKey,
  IntegrationKeyInputError,
  revokeIntegrationKey,
} from './integration-key.service';

interface ProvisionedKey {
  readonly id: string;
  readonly orgId: string;
  readonly key: string;
}

interface Slot {
  readonly provisioned: Promise<ProvisionedKey>;
  readonly renewAt: number;
}

const HOUR_MS = 3_600_000;
const KEY_LIFETIME_MS = 24 * HOUR_MS;

/**
 * Single-process mode: keys for calls between modules of this process, made on first use per
 * (org, caller, target) and stored hashed like any other key; the plaintext lives in this object only.
 * They expire after a day (renewed an hour before), so a crashed process leaves nothing usable for long,
 * and `close()` revokes them at once.
 */
export class LocalKeyProvisioner {
  readonly #slots = new Map<string, Slot>();
  readonly #actor = `suite:${hostname()}:${process.pid}`;

  constructor(private readonly db: Database) {}

  async keyFor(orgId: string, caller: ModuleName, target: ModuleName): Promise<string> {
    const name = `${orgId}/${caller}/${target}`;
    const now = Date.now();
    let slot = this.#slots.get(name);
    if (!slot || slot.renewAt <= now) {
      const expiresAt = new Date(now + KEY_LIFETIME_MS);
      const provisioned = this.#provision(orgId, caller, target, expiresAt);
      const created: Slot = { provisioned, renewAt: expiresAt.getTime() - HOUR_MS };
      this.#slots.set(name, created);
      provisioned.catch(() => this.#slots.get(name) === created && this.#slots.delete(name));
      slot = created;
    }
    return (await slot.provisioned).key;
  }

  async close(): Promise<void> {
    const settled = await Promise.allSettled([...this.#slots.values()].map((slot) => slot.provisioned));
    this.#slots.clear();
    for (const result of settled) {
      if (result.status !== 'fulfilled') continue;
      const { id, orgId } = result.value;
      // An operator may have revoked it already; that is the state we want.
      await revokeIntegrationKey(forOrg(this.db.app, orgId), { id }, this.#actor).catch((error: unknown) => {
        if (!(error instanceof IntegrationKeyInputError)) throw error;
      });
    }
  }

  async #provision(
    orgId: string,
    caller: ModuleName,
    target: ModuleName,
    expiresAt: Date,
  ): Promise<ProvisionedKey> {
    const { key, summary } = await createIntegrationKey(forOrg(this.db.app, orgId), {
      caller,
      target,
      scopes: [`${target}:*`],
      label: `provisioned by ${this.#actor} for single-process calls`,
      expiresAt,
      actor: this.#actor,
    });
    return { id: summary.id, orgId, key };
  }
}

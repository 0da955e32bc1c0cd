import type { ModuleName } from '@suite/contracts';
import type { Database } from '@suite/db';
import type { FastifyBaseLogger } from 'fastify';
import { IntegrationClients } from './integration-client.factory';
import { type IntegrationKeyResolution, IntegrationKeyVerifier } from './integration-key.verifier';
import { LocalKeyProvisioner } from './local-key.provisioner';
import type { RemoteModule } from './remote-modules.config';

export interface IntegrationKeysOptions {
  /** Modules serving `/<name>/integration` in this process. */
  readonly localModules: readonly ModuleName[];
  /** Modules of other deployments this process calls. */
  readonly remoteModules: Partial<Record<ModuleName, RemoteModule>>;
}

/** Integration keys for one suite process: verifying callers, and clients for calling other modules. */
export class IntegrationKeys {
  readonly clients: IntegrationClients;
  readonly #verifier: IntegrationKeyVerifier;
  readonly #provisioner: LocalKeyProvisioner;

  constructor(db: Database, log: FastifyBaseLogger, { localModules, remoteModules }: IntegrationKeysOptions) {
    this.#verifier = new IntegrationKeyVerifier(db.system, log);
    this.#provisioner = new LocalKeyProvisioner(db);
    this.clients = new IntegrationClients({ localModules, remoteModules, provisioner: this.#provisioner });
  }

  /** The caller behind a request's `X-Integration-Key`. */
  resolve(header: string | string[] | undefined): Promise<IntegrationKeyResolution> {
    return this.#verifier.resolve(header);
  }

  /** Called once the suite listens on `localUrl`. */
  start(localUrl: string): void {
    this.clients.start(localUrl);
  }

  /** Revokes the keys this process provisioned and records pending last-used times; after HTTP drained. */
  async close(): Promise<void> {
    await this.#provisioner.close();
    await this.#verifier.close();
  }
}

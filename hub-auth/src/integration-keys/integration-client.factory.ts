import type { ModuleName } from '@suite/contracts';
import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';
import { INTEGRATION_KEY_HEADER } from './integration-key.verifier';
import type { LocalKeyProvisioner } from './local-key.provisioner';
import { type RemoteModule, remoteSettingNames } from './remote-modules.config';

export interface IntegrationEndpoint {
  /** Origin of the deployment serving `target`, e.g. `https://crm.example.com`. */
  readonly baseUrl: string;
  readonly target: ModuleName;
  /** The key, or how to get it before each request (single-process keys are made on first use). */
  readonly key: string | (() => Promise<string>);
}

/** A typed tRPC client for `target`'s `/<target>/integration` endpoint, sending the key on every call. */
export function createIntegrationClient<TRouter extends AnyTRPCRouter>({
  baseUrl,
  target,
  key,
}: IntegrationEndpoint): TRPCClient<TRouter> {
  // Built untyped: the router's type only shapes the client, and hub-auth's tRPC base has no transformer.
  const link = httpBatchLink({
    url: `${baseUrl.replace(/\/$/, '')}/${target}/integration`,
    headers: async () => ({ [INTEGRATION_KEY_HEADER]: typeof key === 'string' ? key : await key() }),
  });
  return createTRPCClient<TRouter>({ links: [link] });
}

export interface IntegrationClientsOptions {
  /** Modules serving `/<name>/integration` in this process. */
  readonly localModules: readonly ModuleName[];
  readonly remoteModules: Partial<Record<ModuleName, RemoteModule>>;
  readonly provisioner: LocalKeyProvisioner;
}

/**
 * Clients for calling another module as `caller` on behalf of one org. A module in this process is
 * called over loopback HTTP with a provisioned key, one elsewhere at its `<TARGET>_API_URL` with the
 * configured key: the same code path either way.
 */
export class IntegrationClients {
  #localUrl: string | undefined;

  constructor(private readonly options: IntegrationClientsOptions) {}

  /** Called once the suite listens. */
  start(localUrl: string): void {
    this.#localUrl = localUrl;
  }

  client<TRouter extends AnyTRPCRouter>(
    target: ModuleName,
    on: { readonly orgId: string; readonly caller: ModuleName },
  ): TRPCClient<TRouter> {
    return createIntegrationClient<TRouter>(this.#endpoint(target, on));
  }

  /**
   * A plain HTTP request to one of `target`'s routes (`path` from its root, e.g. `/tools/media/…`) with
   * the same key: for what tRPC cannot carry, such as a media stream.
   */
  async fetch(
    target: ModuleName,
    on: { readonly orgId: string; readonly caller: ModuleName },
    path: string,
    init: { readonly headers?: Record<string, string>; readonly signal?: AbortSignal } = {},
  ): Promise<Response> {
    const { baseUrl, key } = this.#endpoint(target, on);
    const headers = {
      ...init.headers,
      [INTEGRATION_KEY_HEADER]: typeof key === 'string' ? key : await key(),
    };
    return fetch(`${baseUrl.replace(/\/$/, '')}${path}`, { headers, signal: init.signal });
  }

  #endpoint(
    target: ModuleName,
    { orgId, caller }: { readonly orgId: string; readonly caller: ModuleName },
  ): IntegrationEndpoint {
    const { localModules, remoteModules, provisioner } = this.options;
    const settings = remoteSettingNames(target);
    if (localModules.includes(target)) {
      if (!this.#localUrl)
        throw new Error(`the suite is not listening yet; call ${target} once it has started`);
      const key = () => provisioner.keyFor(orgId, caller, target);
      return { baseUrl: this.#localUrl, target, key };
    }
    const remote = remoteModules[target];
    if (!remote)
      throw new Error(
        `${target} does not run in this process; set ${settings.url} and ${settings.key} to call its deployment`,
      );
    const key = remote.keys.get(orgId.toLowerCase());
    if (!key) throw new Error(`${settings.key} has no key for org ${orgId}; add "${orgId}=<key>" to it`);
    return { baseUrl: remote.url, target, key };
  }
}

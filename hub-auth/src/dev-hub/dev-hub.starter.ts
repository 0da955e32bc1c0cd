import type { FastifyBaseLogger } from 'fastify';
import type { DevHubSeed } from './dev-hub.seed';

/** The suite's client registration at the dev Hub. */
export interface DevHubClient {
  readonly id: string;
  readonly secret: string;
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;
}

export interface DevHubStartOptions {
  readonly environment: 'development' | 'test' | 'production';
  /** Port on 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  readonly client: DevHubClient;
  readonly log?: FastifyBaseLogger;
}

export interface RunningDevHub {
  readonly issuer: string;
  readonly seed: DevHubSeed;
  close(): Promise<void>;
}

/**
 * How `HubAuth` starts a dev Hub when no issuer is configured. The dev Hub itself lives in
 * `@suite/dev-hub` (a development dependency), so a production process never loads `oidc-provider`.
 */
export type DevHubStarter = (options: DevHubStartOptions) => Promise<RunningDevHub>;

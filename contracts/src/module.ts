import type { AnyTRPCRouter } from '@trpc/server';
import type { EventDefinition } from './events/event-definition';

/** Every product module the suite can run; `suite start --modules crm,psa` picks from these. */
export const MODULE_NAMES = ['crm', 'psa', 'books', 'voice', 'portal', 'tools'] as const;
export type ModuleName = (typeof MODULE_NAMES)[number];

/**
 * What the bus needs of a subscription, without contracts depending on the bus: `@suite/bus`'s
 * `defineSubscription` returns a `Subscription`, which has this shape with the handler fully typed.
 */
export interface ModuleSubscription {
  readonly group: string;
  readonly types: readonly EventDefinition[];
  handler(event: never, context: never): Promise<void>;
}

/** What the scheduler needs of a job, without contracts depending on it (`@suite/jobs`' `defineJob`). */
export interface ModuleJob {
  readonly name: string;
  readonly schedule: string;
  readonly description: string;
  run(context: never): Promise<string | undefined>;
}

/** A raw HTTP request to a module route: the body exactly as sent, since vendors sign the bytes. */
export interface ModuleHttpRequest {
  readonly params: Readonly<Record<string, string>>;
  /** Lower-case names; a repeated header is joined with `, `. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly rawBody: Buffer;
  /** The URL the caller used (scheme, host, path and query), honouring X-Forwarded-Proto and -Host. */
  readonly url: string;
  readonly requestId: string;
}

export interface ModuleHttpReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

/**
 * A plain HTTP route of a module, for callers that speak neither tRPC nor the integration API (vendor
 * webhooks). The context is what the runtime gives (the database, the logger), typed by the module.
 */
export interface ModuleRoute {
  readonly method: 'POST';
  /** A path pattern with `:name` parameters, under the module's own prefix (`/tools/…`). */
  readonly path: string;
  handle(request: ModuleHttpRequest, context: never): Promise<ModuleHttpReply>;
}

/**
 * What a module gives the composition root. Routers are served at `/<name>/trpc` (staff, Hub session)
 * and `/<name>/integration` (sister products, X-Integration-Key); subscriptions and jobs are wired to
 * the bus and the scheduler by the runtime that defines their types.
 */
export interface SuiteModule<
  TSubscription extends ModuleSubscription = ModuleSubscription,
  TJob extends ModuleJob = ModuleJob,
> {
  readonly name: ModuleName;
  readonly appRouter?: AnyTRPCRouter;
  readonly integrationRouter?: AnyTRPCRouter;
  readonly subscriptions?: readonly TSubscription[];
  readonly jobs?: readonly TJob[];
  readonly routes?: readonly ModuleRoute[];
}

export function defineModule<const M extends SuiteModule>(module: M): M {
  return module;
}

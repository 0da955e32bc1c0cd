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
  /** Text, or a stream passed on as it arrives (media), never held whole in memory. */
  readonly body: string | ReadableStream<Uint8Array>;
  /** Further headers (`content-length`, `content-range`, `accept-ranges`, `cache-control`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * A plain HTTP route of a module, for callers that speak neither tRPC nor the integration API (vendor
 * webhooks) and for what tRPC cannot carry (a recording's audio). The context is what the runtime gives
 * (the database, the logger, the request's Hub session and integration key, resolved on demand, and the
 * integration clients), typed by the module.
 */
export interface ModuleRoute {
  readonly method: 'GET' | 'POST';
  /** A path pattern with `:name` parameters, under the module's own prefix (`/tools/…`). */
  readonly path: string;
  handle(request: ModuleHttpRequest, context: never): Promise<ModuleHttpReply>;
}

/** Who is to be erased, as the forget flow validated them: a lower-cased email and/or an E.164 phone. */
export interface PersonToErase {
  readonly email?: string;
  /** E.164 (`+442079460018`), normalised with `normalisePhone`, so modules match their E.164 columns. */
  readonly phone?: string;
}

/** What one module erased (or redacted) about the person: one count per kind of row. */
export interface ModuleErasureReport {
  readonly module: ModuleName;
  readonly erased: readonly { readonly kind: string; readonly count: number }[];
}

/**
 * A module's part of the right to erasure: `erasePerson` runs in a tenant transaction of the org (the
 * module types it as its `OrgTransaction`) and must be harmless when run again.
 */
export interface ModuleErasure {
  erasePerson(tx: never, person: PersonToErase): Promise<ModuleErasureReport>;
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
  /** What the module holds about a person and erases on request (`suite tools forget`). */
  readonly erasure?: ModuleErasure;
}

export function defineModule<const M extends SuiteModule>(module: M): M {
  return module;
}

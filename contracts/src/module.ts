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
}

export function defineModule<const M extends SuiteModule>(module: M): M {
  return module;
}

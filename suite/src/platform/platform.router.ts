import type { BusOperations } from '@suite/bus';
import { router } from '@suite/hub-auth';
import { busRouter } from './bus.router';
import { erasureRouter } from './erasure.router';
import { integrationKeysRouter } from './integration-keys.router';

/** The suite's own staff settings, served at /platform/trpc beside the modules' routers. */
export function platformRouter(bus: () => BusOperations) {
  return router({ keys: integrationKeysRouter, bus: busRouter(bus), erasure: erasureRouter });
}

export type PlatformRouter = ReturnType<typeof platformRouter>;

import { router, staffProcedure } from '@suite/hub-auth';
import { forgetInput, forgetPerson, forgetReport } from '@suite/tools';
import { installedModules } from '../module-registry';

const run = staffProcedure.meta({ permission: 'tools.erasure.run' });

/**
 * Right to erasure for the active org, as `suite tools forget` does it. Every module of the build
 * shares the database, so all their hooks run, whichever modules this process serves.
 */
export const erasureRouter = router({
  forget: run
    .input(forgetInput)
    .output(forgetReport)
    .mutation(({ ctx, input }) =>
      forgetPerson(ctx.tenant, installedModules, input, {
        actor: `staff:${ctx.user.id}`,
        requestId: ctx.requestId,
      }),
    ),
});

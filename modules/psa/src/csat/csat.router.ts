import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { csatInput, csatView } from './csat.schema';
import { submitCsat } from './csat.service';

// Clients answer surveys through the portal or a survey link; here staff (or the portal back end acting
// for a signed-in staff session) record the answer.
export const csatRouter = router({
  submit: staffProcedure
    .meta({ permission: 'psa.tickets.write' })
    .input(csatInput)
    .output(csatView)
    .mutation(inTenant(submitCsat)),
});

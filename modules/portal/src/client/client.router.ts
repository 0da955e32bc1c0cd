import { inTenant, router } from '@suite/hub-auth';
import { clientProcedure } from './client.procedure';
import { clientView } from './client.schema';
import { whoAmI } from './client.service';

/** The signed-in client's own view. */
export const clientRouter = router({
  me: clientProcedure.output(clientView).query(inTenant(whoAmI)),
});

import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import {
  enrollInput,
  enrollmentCreated,
  sequenceCreated,
  sequenceCreateInput,
  unenrolled,
  unenrollInput,
} from './sequence.schema';
import { createSequence, endEnrollment, enrollContact } from './sequence.service';

export const sequenceRouter = router({
  create: staffProcedure
    .meta({ permission: 'crm.access' })
    .input(sequenceCreateInput)
    .output(sequenceCreated)
    .mutation(inTenant(createSequence)),
  enroll: staffProcedure
    .meta({ permission: 'crm.access' })
    .input(enrollInput)
    .output(enrollmentCreated)
    .mutation(inTenant(enrollContact)),
  unenroll: staffProcedure
    .meta({ permission: 'crm.access' })
    .input(unenrollInput)
    .output(unenrolled)
    .mutation(inTenant(endEnrollment)),
});

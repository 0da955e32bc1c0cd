import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import {
  enrollInput,
  enrollmentCreated,
  enrollmentListInput,
  enrollmentView,
  sequenceCreated,
  sequenceCreateInput,
  unenrolled,
  unenrollInput,
} from './sequence.schema';
import { createSequence, endEnrollment, enrollContact, listEnrollments } from './sequence.service';

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
  enrollments: staffProcedure
    .meta({ permission: 'crm.access' })
    .input(enrollmentListInput)
    .output(z.array(enrollmentView))
    .query(inTenant(listEnrollments)),
  unenroll: staffProcedure
    .meta({ permission: 'crm.access' })
    .input(unenrollInput)
    .output(unenrolled)
    .mutation(inTenant(endEnrollment)),
});

import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import {
  byEnrollmentId,
  enrollInput,
  enrollmentCreated,
  enrollmentListInput,
  enrollmentRestarted,
  enrollmentView,
  sequenceCreated,
  sequenceCreateInput,
  unenrolled,
} from './sequence.schema';
import { createSequence, endEnrollment, enrollContact, listEnrollments } from './sequence.service';
import { restartEnrollment } from './sequence-restart.service';

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
    .input(byEnrollmentId)
    .output(unenrolled)
    .mutation(inTenant(endEnrollment)),
  restart: staffProcedure
    .meta({ permission: 'crm.access' })
    .input(byEnrollmentId)
    .output(enrollmentRestarted)
    .mutation(inTenant(restartEnrollment)),
});

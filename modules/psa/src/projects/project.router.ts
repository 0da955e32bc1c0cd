import { inTenant, router, staffProcedure } from '@suite/hub-auth';
import { z } from 'zod';
import { projectView } from './project.schema';
import { listProjects } from './project.service';

export const projectRouter = router({
  list: staffProcedure
    .meta({ permission: 'psa.projects.read' })
    .output(z.array(projectView))
    .query(inTenant(listProjects)),
});

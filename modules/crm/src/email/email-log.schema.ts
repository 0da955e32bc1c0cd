import type { emailLog, syncedEmail } from '@suite/contracts';
import type { z } from 'zod';

export type EmailLogInput = z.infer<typeof emailLog.input>;
export type EmailLogResult = z.infer<typeof emailLog.output>;
export type SyncedEmail = z.infer<typeof syncedEmail>;

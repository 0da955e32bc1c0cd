import { booksModule } from '@suite/books';
import type { BusEvent, EventEnvelope } from '@suite/bus';
import { booksEvents, type SuiteModule } from '@suite/contracts';
import { pino } from 'pino';
import type { StaffClient } from '../../../support/staff-client';
import { startTestSuite, type TestSuite, type TransportName } from '../../../support/suite-fixture';

export type BooksEvent = BusEvent<(typeof booksEvents)[number]>;

export interface BooksSuite extends Omit<TestSuite, 'handled' | 'staff' | 'integrationKey' | 'received'> {
  /** Books events as a consumer on the same bus sees them. */
  readonly received: BooksEvent[];
  /** Waits until Books' group has handled the event (its inbox row committed). */
  handled(envelope: EventEnvelope): Promise<void>;
  staff(email: string, module?: 'books' | 'crm' | 'tools'): Promise<StaffClient>;
  /** The daily `books.billing-run` job, run now as of `day` (YYYY-MM-DD). */
  billingRun(day: string): Promise<string | undefined>;
  /** A Portal → Books integration key for Northwind. */
  integrationKey(scopes: string[]): Promise<string>;
}

/** The one suite fixture running Books (and `extraModules`), its scheduler off so only the test bills. */
export async function startBooksSuite(
  transport: TransportName,
  extraModules: readonly SuiteModule[] = [],
): Promise<BooksSuite> {
  const sut = await startTestSuite({
    transport,
    modules: [booksModule, ...extraModules],
    observe: booksEvents,
    env: { JOBS_ENABLED: 'false' },
  });
  const booksGroups = sut.modules[0]?.subscriptions ?? [];
  const [billingRunJob] = booksModule.jobs;
  return {
    ...sut,
    received: sut.received as BooksEvent[],
    async handled(envelope) {
      const group = booksGroups.find((s) => s.types.some((type) => type.type === envelope.type))?.group;
      await sut.handled(envelope.id, group);
    },
    staff: (email, module = 'books') => sut.staff(email, module),
    billingRun: (day) =>
      billingRunJob.run({
        db: sut.database.db,
        log: pino({ level: 'silent' }),
        slot: new Date(`${day}T02:07:00Z`),
      }),
    integrationKey: (scopes) => sut.integrationKey(scopes, { caller: 'portal', target: 'books' }),
  };
}

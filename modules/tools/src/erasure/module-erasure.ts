import type { ModuleErasure, ModuleName, PersonToErase } from '@suite/contracts';
import type { OrgScope, OrgTransaction } from '@suite/db';
import { auditErasureStep, type ErasureActor } from './erasure-audit';
import type { ErasureStep } from './forget.schema';

/** What the forget flow needs of a module: its name and, when it holds personal data, its hook. */
export interface ErasingModule {
  readonly name: ModuleName;
  readonly erasure?: ModuleErasure | undefined;
}

// The contract types the hook's transaction as `never` so contracts stay free of Prisma types; every
// module declares it as its OrgTransaction, which is what this passes.
const runHook = (erasure: ModuleErasure, tx: OrgTransaction, person: PersonToErase) =>
  erasure.erasePerson(tx as never, person);

/**
 * Each installed module's hook in its own tenant transaction of the org, with its audit row in the
 * same transaction: a module's erasure and its record commit together.
 */
export async function eraseInModules(
  org: OrgScope,
  modules: readonly ErasingModule[],
  person: PersonToErase,
  by: ErasureActor,
  subjectHash: string,
): Promise<ErasureStep[]> {
  const steps: ErasureStep[] = [];
  for (const { name, erasure } of modules) {
    if (!erasure) continue;
    steps.push(
      await org.transaction(async (tx) => {
        const report = await runHook(erasure, tx, person);
        const found = report.erased.filter((item) => item.count > 0);
        const step: ErasureStep = {
          step: `module ${name}`,
          outcome: found.length ? 'done' : 'nothing_found',
          detail: found.length
            ? found.map((item) => `${item.count} ${item.kind}`).join(', ')
            : 'nothing held about the person',
        };
        await auditErasureStep(tx, by, subjectHash, step, {
          erased: report.erased.map((item) => ({ ...item })),
        });
        return step;
      }),
    );
  }
  return steps;
}

import { booksModule } from '@suite/books';
import type { ModuleName, SuiteModule } from '@suite/contracts';
import { crmModule } from '@suite/crm';
import { portalModule } from '@suite/portal';
import { psaModule } from '@suite/psa';
import { toolsModule } from '@suite/tools';
import { voiceModule } from '@suite/voice';

/** The modules this build ships, in start order. Each product module adds itself here. */
export const installedModules: readonly SuiteModule[] = [
  crmModule,
  psaModule,
  booksModule,
  toolsModule,
  voiceModule,
  portalModule,
];

export function selectModules(
  requested: readonly ModuleName[] | undefined,
  available = installedModules,
): SuiteModule[] {
  if (requested === undefined) return [...available];
  const missing = requested.filter((name) => !available.some((module) => module.name === name));
  if (missing.length) {
    const names = available.map((module) => module.name).join(', ') || 'none';
    throw new Error(`module ${missing.join(', ')} is not installed in this build (installed: ${names})`);
  }
  return available.filter((module) => requested.includes(module.name));
}

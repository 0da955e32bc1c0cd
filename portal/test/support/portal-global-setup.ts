import { resolve } from 'node:path';
import { buildIfStale } from '@suite/console/build-if-stale';

/** The suite serves portal/dist on portal hosts; tests build it first when the sources changed. */
export default async function setup(): Promise<void> {
  await buildIfStale(resolve(import.meta.dirname, '../..'));
}

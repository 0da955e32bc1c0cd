import { buildIfStale } from '../../scripts/build-if-stale.mjs';

/** The suite serves console/dist; tests build it first when the sources changed. */
export default async function setup(): Promise<void> {
  await buildIfStale();
}

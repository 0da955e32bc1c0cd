/** The nearest-rank `p`th percentile of ascending `sorted`. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

/** The `p`th percentile of samples in any order. */
export const percentileOf = (samples: readonly number[], p: number) =>
  percentile(
    samples.toSorted((a, b) => a - b),
    p,
  );

export const round = (value: number, digits = 0) => Number(value.toFixed(digits));

export async function until(what: string, done: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

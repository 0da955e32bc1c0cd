import { describe, expect, it } from 'vitest';
import { Stopper } from '../src/consumer/stopper';

describe('Stopper', () => {
  it('ends a thousand sleeping retries at once on stop, with no listener warning', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const stopper = new Stopper();
      const sleeping = Array.from({ length: 1000 }, () => stopper.sleep(60_000));
      stopper.stop();
      await Promise.all(sleeping);
      expect(stopper.stopped).toBe(true);
      await stopper.sleep(60_000); // a sleep after the stop returns at once
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((warning) => warning.name)).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});

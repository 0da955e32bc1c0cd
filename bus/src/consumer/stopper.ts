/**
 * A consumer's stop: sleeps that end early when it stops. One resolver per sleep in a set, rather than
 * an AbortSignal listener per sleep (many events retrying at once exceeded the listener limit).
 */
export class Stopper {
  private readonly sleepers = new Set<() => void>();
  private stoppedValue = false;

  get stopped(): boolean {
    return this.stoppedValue;
  }

  stop(): void {
    this.stoppedValue = true;
    for (const wake of this.sleepers) wake();
    this.sleepers.clear();
  }

  sleep(ms: number): Promise<void> {
    if (this.stoppedValue) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }
}

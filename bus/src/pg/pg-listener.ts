import type pg from 'pg';
import type { Logger } from 'pino';
import { systemClient } from './system-connection';

type Listener = (payload: string) => void;

const RECONNECT_MS = 1000;

/**
 * One LISTEN connection shared by everything in the process that waits for NOTIFY. After a reconnect
 * every listener is called once with '', because notifications sent while disconnected are lost.
 */
export class PgListener {
  private readonly listeners = new Map<string, Set<Listener>>();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly url: string,
    private readonly log: Logger,
  ) {}

  async listen(channel: string, listener: Listener): Promise<() => void> {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      await this.connect();
      await this.client?.query(`LISTEN ${channel}`);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting;
    await this.client?.end().catch(() => {});
  }

  private connect(): Promise<void> {
    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async open(): Promise<void> {
    if (this.client || this.closed) return;
    const client = systemClient(this.url, 'suite-bus-listener');
    client.on('notification', ({ channel, payload }) => {
      for (const listener of this.listeners.get(channel) ?? []) listener(payload ?? '');
    });
    client.on('error', (error) => {
      this.log.warn({ err: error }, 'bus listener connection lost; reconnecting');
      this.client = undefined;
      client.end().catch(() => {});
      setTimeout(() => this.reconnect(), RECONNECT_MS).unref();
    });
    await client.connect();
    for (const channel of this.listeners.keys()) await client.query(`LISTEN ${channel}`);
    this.client = client;
  }

  private reconnect(): void {
    if (this.closed) return;
    this.connect().then(
      () => {
        for (const set of this.listeners.values()) for (const listener of set) listener('');
      },
      (error: unknown) => {
        this.log.warn({ err: error }, 'bus listener cannot reconnect; retrying');
        setTimeout(() => this.reconnect(), RECONNECT_MS).unref();
      },
    );
  }
}

import type pg from 'pg';
import type { Logger } from 'pino';
import { systemClient } from './system-connection';

type Listener = (payload: string) => void;

interface Connection {
  readonly client: pg.Client;
  /** The channels this connection has sent LISTEN for. */
  readonly channels: Set<string>;
}

const RECONNECT_MS = 1000;

/**
 * One LISTEN connection shared by everything in the process that waits for NOTIFY. After a reconnect
 * every listener is called once with '', because notifications sent while disconnected are lost.
 */
export class PgListener {
  private readonly listeners = new Map<string, Set<Listener>>();
  private connection: Connection | undefined;
  private connecting: Promise<void> | undefined;
  /** LISTENs go one at a time: a pg client runs one query at a time (pg 9 rejects a second). */
  private listening: Promise<void> = Promise.resolve();
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
      await this.listenOnConnection();
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting;
    await this.connection?.client.end().catch(() => {});
  }

  /** Sends LISTEN, one query at a time, for every channel the current connection does not listen on yet. */
  private listenOnConnection(): Promise<void> {
    const run = this.listening.then(async () => {
      const connection = this.connection;
      if (!connection) return;
      for (const channel of this.listeners.keys()) {
        if (connection.channels.has(channel)) continue;
        await connection.client.query(`LISTEN ${channel}`);
        connection.channels.add(channel);
      }
    });
    this.listening = run.catch(() => {});
    return run;
  }

  private connect(): Promise<void> {
    this.connecting ??= this.open().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async open(): Promise<void> {
    if (this.connection || this.closed) return;
    const client = systemClient(this.url, 'suite-bus-listener');
    client.on('notification', ({ channel, payload }) => {
      for (const listener of this.listeners.get(channel) ?? []) listener(payload ?? '');
    });
    client.on('error', (error) => {
      this.log.warn({ err: error }, 'bus listener connection lost; reconnecting');
      this.connection = undefined;
      client.end().catch(() => {});
      setTimeout(() => this.reconnect(), RECONNECT_MS).unref();
    });
    await client.connect();
    this.connection = { client, channels: new Set() };
    await this.listenOnConnection();
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

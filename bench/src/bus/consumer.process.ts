// The bus side of the pipeline bench, in a process of its own: the relay and one consumer group whose
// handler writes one effect row per event (its handled_at is the bench's handler time), set-wise per
// batch through handleBatch. Counts the statements it sends, read by SIGUSR2.
import { createBus } from '@suite/bus';
import { testEvents } from '@suite/bus/testing';
import { connectDatabase } from '@suite/db';
import { pino } from 'pino';
import { childConfig } from './child-process';
import { countStatements } from './statement-counter';

export interface ConsumerConfig {
  readonly databaseUrl: string;
  readonly producer: string;
  readonly kafkaBrokers?: string[];
  readonly partitions: number;
}

const counts = countStatements();
const config = childConfig<ConsumerConfig>();
const events = testEvents(config.producer);
const db = connectDatabase(config.databaseUrl);
const bus = createBus({
  db,
  databaseUrl: config.databaseUrl,
  kafkaBrokers: config.kafkaBrokers,
  partitions: config.partitions,
  log: pino({ level: 'warn' }),
  tuning: { kafka: { maxWaitTimeMs: 100 } },
});
bus.startRelay();
await bus.subscribe({
  group: events.group('bench'),
  types: [events.itemChanged],
  async handler(event, { tx }) {
    const { itemId, seq } = event.data as { itemId: string; seq: number };
    await tx.$executeRaw`INSERT INTO bench.effect (event_id, item_id, seq) VALUES (${event.id}::uuid, ${itemId}, ${seq})`;
  },
  // The same effect set-wise: one insert per batch, as a hot module handler would write it.
  async handleBatch(batch, { tx }) {
    const data = batch.map((event) => event.data as { itemId: string; seq: number });
    await tx.$executeRaw`
      INSERT INTO bench.effect (event_id, item_id, seq)
      SELECT * FROM unnest(${batch.map((event) => event.id)}::uuid[], ${data.map((d) => d.itemId)}::text[], ${data.map((d) => d.seq)}::int[])`;
  },
});
process.stdout.write('ready\n');
// SIGUSR2: prints the statements sent so far (the relay's and the rest), as `counts <n> {json}`.
let readings = 0;
process.on('SIGUSR2', () => process.stdout.write(`counts ${++readings} ${JSON.stringify(counts())}\n`));
process.once('SIGTERM', async () => {
  await bus.close();
  await db.close();
  process.exit(0);
});

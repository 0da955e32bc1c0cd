// A bus in a child process, for tests that SIGKILL it: `consumer` applies events slowly,
// `relay` runs a relay. Prints `ready` (consumer) or the relay's state changes on stdout.
// KILL_AFTER_INBOX_COMMIT=1: the consumer kills itself right after its first database commit.
import { setTimeout as sleep } from 'node:timers/promises';
import { createBus } from '@suite/bus';
import { DEFAULT_TUNING, TEST_TUNING, testEvents } from '@suite/bus/testing';
import { connectDatabase } from '@suite/db';
import { pino } from 'pino';
import { killAfterFirstInboxCommit } from './kill-after-inbox-commit';
import { recordingSubscription } from './recording.subscription';

if (process.env.KILL_AFTER_INBOX_COMMIT === '1') killAfterFirstInboxCommit();

const [mode = '', producer = '', group = ''] = process.argv.slice(2);
const url = process.env.DATABASE_URL as string;
const db = connectDatabase(url);
const bus = createBus({
  db,
  databaseUrl: url,
  kafkaBrokers: process.env.KAFKA_BROKERS?.split(',').filter(Boolean),
  partitions: 4,
  log: pino({ level: 'silent' }),
  // PRODUCTION_GROUP_TIMINGS=1: the production session and lease timings, for take-over tests.
  tuning:
    process.env.PRODUCTION_GROUP_TIMINGS === '1'
      ? { ...TEST_TUNING, kafka: DEFAULT_TUNING.kafka, log: DEFAULT_TUNING.log }
      : TEST_TUNING,
});

if (mode === 'consumer') {
  const delayMs = Number(process.env.HANDLE_DELAY_MS ?? 0);
  await bus.subscribe(
    recordingSubscription(testEvents(producer), group, `child-${process.pid}`, () => sleep(delayMs)),
  );
  process.stdout.write('ready\n');
} else if (mode === 'relay') {
  const relay = bus.startRelay();
  let last = '';
  setInterval(() => {
    if (relay.state === last) return;
    last = relay.state;
    process.stdout.write(`${last}\n`);
  }, 20);
} else {
  throw new Error(`usage: bus.child.ts consumer|relay <producer> [group]`);
}

process.once('SIGTERM', async () => {
  await bus.close();
  await db.close();
  process.exit(0);
});

import { type BusOperations, connectBusOperations, type ReplaySelection } from '@suite/bus';
import { Command, InvalidArgumentError } from 'commander';
import { print, time, withCliDatabase } from './cli-database';
import { textTable } from './text-table';

/** Connects like `suite start` (DATABASE_URL or the embedded database, KAFKA_BROKERS), always closing. */
function withBus(fn: (ops: BusOperations) => Promise<void>): Promise<void> {
  return withCliDatabase(async ({ config, log, database }) => {
    const ops = connectBusOperations({
      databaseUrl: database.url,
      kafkaBrokers: config.KAFKA_BROKERS,
      partitions: config.BUS_PARTITIONS,
      log,
    });
    try {
      await fn(ops);
    } finally {
      await ops.close();
    }
  });
}

async function status(ops: BusOperations): Promise<void> {
  const { transport, relay, groups } = await ops.status();
  const lines = [
    `transport: ${transport === 'kafka' ? 'Kafka' : 'PostgreSQL log'}`,
    `relay: ${relay.active ? `active (${relay.holder})` : 'NOT RUNNING'}; backlog ${relay.backlog}${
      relay.oldestSeconds === null ? '' : `, oldest ${relay.oldestSeconds.toFixed(1)} s`
    }`,
    '',
  ];
  if (groups.length === 0) lines.push('no consumer groups yet');
  else
    lines.push(
      ...textTable([
        ['GROUP', 'STATE', 'DEAD', 'TOPIC', 'PARTITION', 'COMMITTED', 'END', 'LAG'],
        ...groups.flatMap((group) => {
          const state = group.paused ? 'paused' : 'running';
          const head = [group.group, state, String(group.deadLetters)];
          if (group.partitions.length === 0) return [[...head, `(on ${group.transport})`, '', '', '', '']];
          return group.partitions.map((p) => [
            ...head,
            p.topic,
            String(p.partition),
            String(p.committed),
            String(p.end),
            String(p.lag),
          ]);
        }),
      ]),
    );
  print(lines);
}

/** Dead letters are numbered (`bus.dead_letter.id`); anything else would reach PostgreSQL as a bigint. */
function deadLetterId(value: string): string {
  if (!/^[1-9]\d{0,17}$/.test(value))
    throw new InvalidArgumentError('dead letter ids are whole numbers; see suite bus dlq list');
  return value;
}

function replaySelection(id: string | undefined, options: { group?: string; type?: string; all?: boolean }) {
  if (id !== undefined) return { id } satisfies ReplaySelection;
  if (options.type === undefined && !(options.group && options.all))
    throw new Error(
      'say what to replay: a dead letter id, --type <type> [--group <group>], or --group <group> --all',
    );
  return { group: options.group, type: options.type } satisfies ReplaySelection;
}

/** `suite bus status|dlq|pause|resume`: the bus as operators see it. */
export function busCommand(): Command {
  const bus = new Command('bus').description('the event bus: relay, consumer groups, dead letters');
  bus
    .command('status')
    .description('relay backlog, and per consumer group: paused or running, dead letters, lag per partition')
    .action(() => withBus(status));

  const dlq = bus.command('dlq').description('dead letters: events a consumer group gave up on');
  dlq
    .command('list')
    .description('dead letters not yet replayed (oldest first)')
    .option('--group <group>', 'only this consumer group')
    .option('--type <type>', 'only this event type')
    .option('--all', 'also those already replayed')
    .action((options: { group?: string; type?: string; all?: boolean }) =>
      withBus(async (ops) => {
        const letters = await ops.listDeadLetters({ ...options, includeReplayed: options.all });
        if (letters.length === 0) return print(['no dead letters']);
        print(
          textTable([
            ['ID', 'GROUP', 'TYPE', 'KEY', 'REASON', 'ATTEMPTS', 'DEAD AT', 'REPLAYED', 'ERROR'],
            ...letters.map((letter) => [
              letter.id,
              letter.group,
              letter.type,
              letter.key,
              letter.reason,
              String(letter.attempts),
              time(letter.deadAt),
              letter.replayedAt ? time(letter.replayedAt) : letter.replayRequestedAt ? 'requested' : '—',
              letter.error,
            ]),
          ]),
        );
      }),
    );
  dlq
    .command('show')
    .argument('<id>', 'a dead letter id, as suite bus dlq list shows it', deadLetterId)
    .description('one dead letter: the envelope as received, the full error')
    .action((id: string) =>
      withBus(async (ops) => {
        const letter = await ops.showDeadLetter(id);
        if (!letter) throw new Error(`no dead letter ${id}; see suite bus dlq list`);
        process.stdout.write(`${JSON.stringify(letter, null, 2)}\n`);
      }),
    );
  dlq
    .command('replay')
    .argument('[id]', 'a dead letter id, as suite bus dlq list shows it', deadLetterId)
    .description(
      'apply dead letters again in their group (after the cause is fixed): one, by type, or all of a group',
    )
    .option('--group <group>', 'dead letters of this consumer group')
    .option('--type <type>', 'dead letters of this event type')
    .option('--all', 'with --group: every dead letter of the group')
    .action((id: string | undefined, options: { group?: string; type?: string; all?: boolean }) =>
      withBus(async (ops) => {
        const queued = await ops.replay(replaySelection(id, options));
        print([
          queued.length === 0
            ? 'nothing to replay'
            : `queued ${queued.length} dead letter(s) for replay (${queued.join(', ')}); the running consumers of their group apply them, see suite bus dlq list`,
        ]);
      }),
    );

  for (const [name, paused] of [
    ['pause', true],
    ['resume', false],
  ] as const) {
    bus
      .command(`${name} <group>`)
      .description(
        paused ? 'stop a consumer group after its batch in flight' : 'let a paused consumer group go on',
      )
      .action((group: string) =>
        withBus(async (ops) => {
          await (paused ? ops.pause(group) : ops.resume(group));
          print([`${group} ${paused ? 'paused' : 'resumed'}; every running instance follows within seconds`]);
        }),
      );
  }
  return bus;
}

import { platform } from '../../api/trpc.client';
import { ActionButton } from '../../ui/action-button';
import { Loading, Time } from '../../ui/feedback';
import { usePage } from '../../ui/pager';
import { Table } from '../../ui/table';
import { useLoad } from '../../ui/use-load';

type DeadLetter = Awaited<ReturnType<typeof platform.bus.deadLetters.query>>[number];

function Replay({ letter, onDone }: { letter: DeadLetter; onDone: () => void }) {
  if (letter.replayedAt)
    return (
      <span>
        replayed <Time at={letter.replayedAt} />
      </span>
    );
  if (letter.replayRequestedAt) return <span role="status">replay queued</span>;
  return (
    <ActionButton
      label="Replay"
      busyLabel="Replaying…"
      ariaLabel={`Replay dead letter ${letter.id}`}
      run={() => platform.bus.replay.mutate({ id: letter.id })}
      onDone={onDone}
    />
  );
}

function DeadLetters({ letters, onChange }: { letters: readonly DeadLetter[]; onChange: () => void }) {
  const { rows, pager } = usePage(letters);
  if (letters.length === 0) return <p>No dead letters for this org.</p>;
  return (
    <>
      <Table label="Consumer groups" headers={['Id', 'Group', 'Event', 'Error', 'Dead since', 'Replay']}>
        {rows.map((letter) => (
          <tr key={letter.id}>
            <td>{letter.id}</td>
            <td>{letter.group}</td>
            <td>
              {letter.type} <span className="muted">{letter.key}</span>
            </td>
            <td>
              {letter.error} <span className="muted">({letter.attempts} attempts)</span>
            </td>
            <td>
              <Time at={letter.deadAt} />
            </td>
            <td>
              <Replay letter={letter} onDone={onChange} />
            </td>
          </tr>
        ))}
      </Table>
      {pager}
    </>
  );
}

export function BusPage() {
  const status = useLoad(() => platform.bus.status.query(), 'status');
  const letters = useLoad(() => platform.bus.deadLetters.query({ includeReplayed: true }), 'letters');
  return (
    <section>
      <h1>Bus</h1>
      <Loading loaded={status}>
        {({ transport, relay, groups }) => (
          <>
            <p>
              Transport {transport} · relay {relay.active ? 'running' : 'NOT RUNNING'} · backlog{' '}
              {relay.backlog}
            </p>
            <Table label="Dead letters" headers={['Consumer group', 'State', 'Lag']}>
              {groups.map((group) => (
                <tr key={group.group}>
                  <td>{group.group}</td>
                  <td>{group.paused ? 'paused' : 'running'}</td>
                  <td>{group.lag}</td>
                </tr>
              ))}
            </Table>
          </>
        )}
      </Loading>
      <h2>Dead letters</h2>
      <button type="button" onClick={letters.reload}>
        Refresh
      </button>
      <Loading loaded={letters}>{(list) => <DeadLetters letters={list} onChange={letters.reload} />}</Loading>
    </section>
  );
}

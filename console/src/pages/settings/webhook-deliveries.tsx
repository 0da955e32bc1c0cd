import { tools } from '../../api/trpc.client';
import { Loading, Time } from '../../ui/feedback';
import { usePage } from '../../ui/pager';
import { Table } from '../../ui/table';
import { useLoad, usePolling } from '../../ui/use-load';

type Attempt = Awaited<ReturnType<typeof tools.webhookEndpoints.deliveries.query>>[number];

function outcome(attempt: Attempt): string {
  if (attempt.status === null) return `no answer: ${attempt.error ?? 'unknown error'}`;
  const ok = attempt.status >= 200 && attempt.status < 300;
  return `${ok ? 'delivered' : 'failed'}: HTTP ${attempt.status} in ${attempt.latencyMs} ms`;
}

function AttemptTable({ attempts }: { attempts: readonly Attempt[] }) {
  const { rows, pager } = usePage(attempts);
  if (attempts.length === 0) return <p>No delivery attempts yet.</p>;
  return (
    <>
      <Table label="Delivery log" headers={['Attempted', 'Event', 'Status', 'Latency', 'Response or error']}>
        {rows.map((attempt) => (
          <tr key={attempt.id}>
            <td>
              <Time at={attempt.attemptedAt} />
            </td>
            <td>
              <code>{attempt.eventType}</code>
            </td>
            <td>{attempt.status ?? 'no answer'}</td>
            <td>{attempt.latencyMs} ms</td>
            <td>
              <code>{attempt.error ?? attempt.responseExcerpt ?? ''}</code>
            </td>
          </tr>
        ))}
      </Table>
      {pager}
    </>
  );
}

/**
 * One endpoint's delivery log, newest first (the last 100 attempts). After the Test button it refreshes
 * until the test message's attempt is in, and says how it went.
 */
export function DeliveryLog({
  endpoint,
  testMessageId,
}: {
  endpoint: { id: string; url: string };
  testMessageId?: string | undefined;
}) {
  const endpointId = endpoint.id;
  const log = useLoad(() => tools.webhookEndpoints.deliveries.query({ endpointId }), endpointId);
  const tested = testMessageId && log.data?.find((attempt) => attempt.messageId === testMessageId);
  usePolling(log.reload, Boolean(testMessageId) && !tested);
  return (
    <section aria-labelledby={`log-${endpointId}`}>
      <div className="row">
        <h2 id={`log-${endpointId}`}>
          Delivery log of <code>{endpoint.url}</code>
        </h2>
        <button type="button" onClick={log.reload} disabled={log.loading}>
          Refresh
        </button>
      </div>
      {testMessageId && (
        <p className="notice" role="status">
          {tested ? `Test event ${outcome(tested)}` : 'Test event sent; waiting for the endpoint’s answer…'}
        </p>
      )}
      <Loading loaded={log}>{(attempts) => <AttemptTable attempts={attempts} />}</Loading>
    </section>
  );
}

import { useState } from 'react';
import { tools } from '../../api/trpc.client';
import { useCan } from '../../shell/session.context';
import { ActionButton } from '../../ui/action-button';
import { CopyButton } from '../../ui/copy-button';
import { Loading, Time } from '../../ui/feedback';
import { usePage } from '../../ui/pager';
import { Table } from '../../ui/table';
import { useLoad } from '../../ui/use-load';
import { DeliveryLog } from './webhook-deliveries';
import { AddEndpoint, type CreatedEndpoint, EditEndpoint } from './webhook-endpoint-form';

type Endpoint = Awaited<ReturnType<typeof tools.webhookEndpoints.list.query>>[number];

/** The signing secret exists nowhere in the console after this: shown once, with a copy button. */
function ShownSecret({ shown }: { shown: CreatedEndpoint }) {
  return (
    <div className="notice" role="status">
      <p>
        Signing secret for <code>{shown.endpoint.url}</code>. Copy it now: it is shown this once. Your
        receiver verifies our <code>webhook-signature</code> header with it (Standard Webhooks).
      </p>
      <p>
        <code className="secret" data-testid="endpoint-secret">
          {shown.secret}
        </code>{' '}
        <CopyButton value={shown.secret} label="Copy secret" />
      </p>
    </div>
  );
}

interface RowProps {
  readonly endpoint: Endpoint;
  readonly canManage: boolean;
  readonly onShowLog: () => void;
  readonly onTested: (messageId: string) => void;
  readonly onSecret: (shown: CreatedEndpoint) => void;
  readonly onEdit: () => void;
  readonly onChange: () => void;
}

function EndpointRow({ endpoint, canManage, onShowLog, onTested, onSecret, onEdit, onChange }: RowProps) {
  const enabled = endpoint.status === 'enabled';
  return (
    <tr>
      <td>
        <code>{endpoint.url}</code>
      </td>
      <td>{endpoint.eventTypes.join(', ')}</td>
      <td>
        <span className={`pill ${enabled ? 'pill-connected' : 'pill-error'}`}>{endpoint.status}</span>
        {endpoint.disabledReason && <p className="muted">{endpoint.disabledReason}</p>}
      </td>
      <td>
        <Time at={endpoint.failingSince} />
      </td>
      <td>
        <div className="row">
          <button type="button" onClick={onShowLog} aria-label={`Delivery log of ${endpoint.url}`}>
            Delivery log
          </button>
          {canManage && (
            <>
              <ActionButton
                label="Test"
                busyLabel="Sending…"
                ariaLabel={`Test ${endpoint.url}`}
                run={async () =>
                  onTested((await tools.webhookEndpoints.test.mutate({ endpointId: endpoint.id })).messageId)
                }
                onDone={() => undefined}
              />
              <ActionButton
                label={enabled ? 'Disable' : 'Enable'}
                busyLabel={enabled ? 'Disabling…' : 'Enabling…'}
                ariaLabel={`${enabled ? 'Disable' : 'Enable'} ${endpoint.url}`}
                run={() =>
                  tools.webhookEndpoints[enabled ? 'disable' : 'enable'].mutate({ endpointId: endpoint.id })
                }
                onDone={onChange}
              />
              <ActionButton
                label="Rotate secret"
                busyLabel="Rotating…"
                ariaLabel={`Rotate secret of ${endpoint.url}`}
                run={async () =>
                  onSecret(await tools.webhookEndpoints.rotateSecret.mutate({ endpointId: endpoint.id }))
                }
                onDone={() => undefined}
              />
              <button type="button" onClick={onEdit} aria-label={`Edit ${endpoint.url}`}>
                Edit
              </button>
              <ActionButton
                label="Delete"
                busyLabel="Deleting…"
                ariaLabel={`Delete ${endpoint.url}`}
                run={async () => {
                  // The secret and the delivery log go with it: asked once, in the browser's own dialog.
                  if (!window.confirm(`Delete ${endpoint.url}? Its delivery log goes with it.`))
                    return undefined;
                  await tools.webhookEndpoints.delete.mutate({ endpointId: endpoint.id });
                  return true;
                }}
                onDone={onChange}
              />
            </>
          )}
        </div>
      </td>
    </tr>
  );
}

/** Settings → Webhook endpoints: where the org's events are POSTed, signed, with a Test button and the log. */
export function WebhooksPage() {
  const canManage = useCan()('tools.connections.manage');
  const endpoints = useLoad(() => tools.webhookEndpoints.list.query(), 'webhook-endpoints');
  const [shown, setShown] = useState<CreatedEndpoint>();
  const [selected, setSelected] = useState<string>();
  const [editing, setEditing] = useState<string>();
  const [test, setTest] = useState<{ endpointId: string; messageId: string }>();
  const { rows, pager } = usePage(endpoints.data ?? []);
  const logOf = endpoints.data?.find((endpoint) => endpoint.id === selected) ?? endpoints.data?.[0];
  const edited = endpoints.data?.find((endpoint) => endpoint.id === editing);
  return (
    <section>
      <h1>Webhook endpoints</h1>
      <p>
        Up to 5 receivers of this org's events, POSTed and signed as Standard Webhooks, retried for about a
        day and a half.
      </p>
      {shown && <ShownSecret shown={shown} />}
      <Loading loaded={endpoints}>
        {(list) =>
          list.length === 0 ? (
            <p>No webhook endpoints yet.</p>
          ) : (
            <>
              <Table
                label="Webhook endpoints"
                headers={['URL', 'Event types', 'Status', 'Failing since', 'Actions']}
              >
                {rows.map((endpoint) => (
                  <EndpointRow
                    key={endpoint.id}
                    endpoint={endpoint}
                    canManage={canManage}
                    onShowLog={() => setSelected(endpoint.id)}
                    onTested={(messageId) => {
                      setSelected(endpoint.id);
                      setTest({ endpointId: endpoint.id, messageId });
                    }}
                    onSecret={setShown}
                    onEdit={() => setEditing(endpoint.id)}
                    onChange={endpoints.reload}
                  />
                ))}
              </Table>
              {pager}
            </>
          )
        }
      </Loading>
      {canManage && edited && (
        <EditEndpoint
          key={edited.id}
          endpoint={edited}
          onSaved={() => {
            setEditing(undefined);
            endpoints.reload();
          }}
          onCancel={() => setEditing(undefined)}
        />
      )}
      {logOf && (
        <DeliveryLog
          key={`${logOf.id}-${test?.messageId ?? ''}`}
          endpoint={logOf}
          testMessageId={test?.endpointId === logOf.id ? test.messageId : undefined}
        />
      )}
      {canManage && (
        <AddEndpoint
          onCreated={(created) => {
            setShown(created);
            endpoints.reload();
          }}
        />
      )}
    </section>
  );
}

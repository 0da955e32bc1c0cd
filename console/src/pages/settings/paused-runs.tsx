import { tools } from '../../api/trpc.client';
import { ActionButton } from '../../ui/action-button';
import { Time } from '../../ui/feedback';
import { usePage } from '../../ui/pager';
import { Table } from '../../ui/table';

type Run = Awaited<ReturnType<typeof tools.runs.list.query>>[number];

/** Work parked while its vendor connection was in Error: resume it now, or cancel it. */
export function PausedRuns({
  runs,
  canManage,
  onChange,
}: {
  runs: readonly Run[];
  canManage: boolean;
  onChange: () => void;
}) {
  const { rows, pager } = usePage(runs);
  if (runs.length === 0) return <p>No paused runs.</p>;
  return (
    <>
      <Table label="Paused runs" headers={['Tool', 'Vendor', 'Why it is paused', 'Paused', 'Actions']}>
        {rows.map((run) => (
          <tr key={run.id}>
            <td>
              <code>{run.tool}</code>
            </td>
            <td>{run.provider}</td>
            <td>{run.reason}</td>
            <td>
              <Time at={run.pausedAt} />
            </td>
            <td>
              {canManage && (
                <div className="row">
                  <ActionButton
                    label="Resume"
                    busyLabel="Resuming…"
                    ariaLabel={`Resume ${run.tool} run ${run.id}`}
                    run={() => tools.runs.resume.mutate({ runId: run.id })}
                    onDone={onChange}
                  />
                  <ActionButton
                    label="Cancel"
                    busyLabel="Cancelling…"
                    ariaLabel={`Cancel ${run.tool} run ${run.id}`}
                    run={async () => {
                      await tools.runs.cancel.mutate({ runId: run.id });
                      return true;
                    }}
                    onDone={onChange}
                  />
                </div>
              )}
            </td>
          </tr>
        ))}
      </Table>
      {pager}
    </>
  );
}

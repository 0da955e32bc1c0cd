import { useId, useState } from 'react';
import { crm, psa } from '../../api/trpc.client';
import { Link } from '../../shell/router';
import { useCan } from '../../shell/session.context';
import { ErrorNote, Loading, Time } from '../../ui/feedback';
import { money } from '../../ui/money';
import { usePage } from '../../ui/pager';
import { useAction, useLoad, usePolling } from '../../ui/use-load';

type Deal = Awaited<ReturnType<typeof crm.deals.list.query>>[number];

const STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;

/** The project PSA opens for a won deal arrives over the bus; this looks until it is there. */
function ProjectOfDeal({ dealId }: { dealId: string }) {
  const projects = useLoad(() => psa.projects.list.query(), dealId);
  const project = projects.data?.find((candidate) => candidate.crmDealId === dealId);
  usePolling(projects.reload, !project && !projects.error);
  if (project)
    return (
      <p>
        PSA project: <Link href="/psa/projects">{project.name}</Link>
      </p>
    );
  return (
    <p role="status">
      Waiting for the PSA project…
      <ErrorNote error={projects.error} />
    </p>
  );
}

function MarkWon({ deal, orgDefault, onWon }: { deal: Deal; orgDefault: boolean; onWon: () => void }) {
  const id = useId();
  const [createProject, setCreateProject] = useState(deal.createProject ?? orgDefault);
  const action = useAction();
  const win = async () => {
    if (await action.run(() => crm.deals.markWon.mutate({ dealId: deal.dealId, createProject }))) onWon();
  };
  return (
    <div className="row">
      <input
        id={id}
        type="checkbox"
        checked={createProject}
        onChange={(event) => setCreateProject(event.target.checked)}
      />
      <label htmlFor={id}>Create a PSA project</label>
      <button type="button" onClick={win} disabled={action.busy} aria-label={`Mark won: ${deal.name}`}>
        {action.busy ? 'Marking won…' : 'Mark won'}
      </button>
      <ErrorNote error={action.error} />
    </div>
  );
}

function DealCard({ deal, orgDefault, onWon }: { deal: Deal; orgDefault: boolean; onWon: () => void }) {
  const can = useCan();
  const open = deal.stage !== 'won' && deal.stage !== 'lost';
  return (
    <li className="card">
      <strong>{deal.name}</strong>
      <p>
        <Link href={`/crm/companies/${deal.companyId}`}>Company</Link> · {money(deal.value, deal.currency)}
        {deal.recurringRevenue !== '0' && ` + ${money(deal.recurringRevenue, deal.currency)}/mo`}
      </p>
      <p className="muted">Owner {deal.owner.name ?? deal.owner.userId}</p>
      {open && can('crm.deals.write') && <MarkWon deal={deal} orgDefault={orgDefault} onWon={onWon} />}
      {deal.stage === 'won' && (
        <>
          <p>
            Won <Time at={deal.wonAt} />
          </p>
          {deal.createProject !== false && can('psa.projects.read') && <ProjectOfDeal dealId={deal.dealId} />}
        </>
      )}
    </li>
  );
}

function Stage({
  stage,
  deals,
  orgDefault,
  onWon,
}: {
  stage: string;
  deals: Deal[];
  orgDefault: boolean;
  onWon: () => void;
}) {
  const { rows, pager } = usePage(deals, 10);
  return (
    <section className="stage" aria-labelledby={`stage-${stage}`}>
      <h2 id={`stage-${stage}`}>
        {stage} <span className="muted">({deals.length})</span>
      </h2>
      <ul>
        {rows.map((deal) => (
          <DealCard key={deal.dealId} deal={deal} orgDefault={orgDefault} onWon={onWon} />
        ))}
      </ul>
      {pager}
    </section>
  );
}

export function DealsPage() {
  const deals = useLoad(() => crm.deals.list.query({}), 'deals');
  const settings = useLoad(() => crm.settings.get.query(), 'settings');
  return (
    <section>
      <h1>Deals pipeline</h1>
      <Loading loaded={deals}>
        {(list) => (
          <div className="pipeline">
            {STAGES.map((stage) => (
              <Stage
                key={stage}
                stage={stage}
                deals={list.filter((deal) => deal.stage === stage)}
                orgDefault={settings.data?.createProjectOnWin ?? true}
                onWon={deals.reload}
              />
            ))}
          </div>
        )}
      </Loading>
    </section>
  );
}

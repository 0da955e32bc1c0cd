import { psa } from '../../api/trpc.client';
import { money } from '../../ui/money';
import { HealthPanel } from '../crm/health-panel';
import { Timeline } from '../crm/timeline';

type Sidebar = Awaited<ReturnType<typeof psa.clients.sidebar.query>>;

/**
 * CRM's context for a PSA client, as PSA gets it from CRM's integration API (the same call a separate
 * PSA deployment makes): open pipeline, the activity feed (paged) and the health score.
 */
export function CrmSidebar({
  clientId,
  sidebar,
  onRetry,
}: {
  clientId: string;
  sidebar: Sidebar;
  onRetry: () => void;
}) {
  const { crm } = sidebar;
  if (!crm.available)
    return (
      <aside className="sidebar" aria-label="CRM">
        <h2>From CRM</h2>
        <p role="alert">{crm.message}</p>
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      </aside>
    );
  const { pipeline, health } = crm;
  return (
    <aside className="sidebar" aria-label="CRM">
      <h2>From CRM</h2>
      <h3>Pipeline</h3>
      <p>
        {pipeline.totals.openDeals} open {pipeline.totals.openDeals === 1 ? 'deal' : 'deals'} ·{' '}
        {money(pipeline.totals.value, pipeline.currency)}
      </p>
      <ul>
        {pipeline.deals.map((deal) => (
          <li key={deal.dealId}>
            {deal.name} · {deal.stage} · {money(deal.value, pipeline.currency)}
          </li>
        ))}
      </ul>
      <h3>Health score</h3>
      <HealthPanel health={health} />
      <h3>Activity</h3>
      <Timeline
        load={async (cursor) => {
          if (!cursor) return crm.activity;
          const next = await psa.clients.sidebar.query({ clientId, activityCursor: cursor });
          if (!next.crm.available) throw new Error(next.crm.message);
          return next.crm.activity;
        }}
      />
    </aside>
  );
}

import { useEffect, useState } from 'react';
import { Link } from '../../shell/router';
import { ErrorNote, Time } from '../../ui/feedback';
import { useAction } from '../../ui/use-load';

export interface ActivityPage {
  readonly items: readonly {
    readonly activityId: string;
    readonly kind: string;
    readonly title: string;
    readonly detail?: Readonly<Record<string, unknown>>;
    readonly occurredAt: string;
  }[];
  readonly nextCursor: string | null;
}

type Activity = ActivityPage['items'][number];

/** Where an entry leads in the console: a Books invoice, a Voice recording (each checks its permission). */
function linkOf({ kind, detail }: Activity): { href: string; label: string } | undefined {
  if (kind.startsWith('invoice.') && typeof detail?.invoiceId === 'string')
    return { href: `/books/invoices/${detail.invoiceId}`, label: 'Open the invoice' };
  if (kind === 'call' && typeof detail?.recordingUrl === 'string')
    return { href: detail.recordingUrl, label: 'Listen to the recording' };
  return undefined;
}

function EntryLink({ item }: { item: Activity }) {
  const link = linkOf(item);
  return link ? <Link href={link.href}>{link.label}</Link> : null;
}

/**
 * The company's activity, newest first, a page at a time: everything the suite writes to it (tickets,
 * contract events, quotes, e-sign, CSAT, deals) as `kind` says.
 */
export function Timeline({ load }: { load: (cursor?: string) => Promise<ActivityPage> }) {
  const [pages, setPages] = useState<ActivityPage[]>([]);
  const action = useAction();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the first page once per mount
  useEffect(() => {
    action.run(load).then((page) => page && setPages([page]));
  }, []);
  const last = pages.at(-1);
  const items = pages.flatMap((page) => page.items);
  return (
    <div>
      {items.length === 0 && !action.busy && !action.error && <p>No activity yet.</p>}
      <ol className="timeline">
        {items.map((item) => (
          <li key={item.activityId}>
            <span className="tag">{item.kind}</span> {item.title} <Time at={item.occurredAt} />{' '}
            <EntryLink item={item} />
          </li>
        ))}
      </ol>
      {action.busy && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      <ErrorNote error={action.error} />
      {last?.nextCursor && (
        <button
          type="button"
          disabled={action.busy}
          onClick={async () => {
            const next = await action.run(() => load(last.nextCursor ?? undefined));
            if (next) setPages((previous) => [...previous, next]);
          }}
        >
          Older activity
        </button>
      )}
    </div>
  );
}

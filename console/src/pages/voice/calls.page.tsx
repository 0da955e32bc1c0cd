import { useEffect, useRef, useState } from 'react';
import { crm, voice } from '../../api/trpc.client';
import { Link } from '../../shell/router';
import { ErrorNote, Time } from '../../ui/feedback';
import { Table } from '../../ui/table';
import { useAction, useLoad } from '../../ui/use-load';

type CallPage = Awaited<ReturnType<typeof voice.calls.list.query>>;
type Call = CallPage['items'][number];
type Company = Awaited<ReturnType<typeof crm.companies.get.query>>;

const duration = (seconds: number | null) =>
  seconds === null ? '—' : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** The matched contact, named from CRM (one company read per company on the page, shared by its calls). */
function Contact({ call, companyOf }: { call: Call; companyOf: (id: string) => Promise<Company> }) {
  const companyId = call.companyId ?? '';
  const company = useLoad(() => companyOf(companyId), companyId);
  if (!call.companyId) return <span className="muted">not matched</span>;
  const contact = company.data?.contacts.find((candidate) => candidate.id === call.contactId);
  return (
    <Link href={`/crm/companies/${call.companyId}`}>
      {contact?.name ?? 'contact'}
      {company.data && `, ${company.data.name}`}
    </Link>
  );
}

function CallRow({ call, companyOf }: { call: Call; companyOf: (id: string) => Promise<Company> }) {
  return (
    <tr>
      <td>
        <Time at={call.startedAt} />
      </td>
      <td>{call.direction}</td>
      <td>
        {call.from} → {call.to}
      </td>
      <td>
        <Contact call={call} companyOf={companyOf} />
      </td>
      <td>{duration(call.durationSeconds)}</td>
      <td>{call.outcome ?? call.status}</td>
      <td>
        {call.recordingUrl ? <Link href={call.recordingUrl}>Listen</Link> : <span className="muted">—</span>}
      </td>
    </tr>
  );
}

/** Voice's call log, newest first, a page at a time with Voice's cursor. */
export function CallsPage() {
  const [pages, setPages] = useState<CallPage[]>([]);
  const action = useAction();
  const companies = useRef(new Map<string, Promise<Company>>());
  const companyOf = (companyId: string) => {
    const known = companies.current.get(companyId) ?? crm.companies.get.query({ companyId });
    companies.current.set(companyId, known);
    return known;
  };
  const load = (cursor?: string) => action.run(() => voice.calls.list.query({ cursor, limit: 20 }));
  // biome-ignore lint/correctness/useExhaustiveDependencies: the first page once per mount
  useEffect(() => {
    load().then((page) => page && setPages([page]));
  }, []);
  const calls = pages.flatMap((page) => page.items);
  const next = pages.at(-1)?.nextCursor;
  return (
    <section>
      <h1>Calls</h1>
      {pages.length > 0 && calls.length === 0 && <p>No calls yet.</p>}
      {calls.length > 0 && (
        <Table
          label="Calls"
          headers={['Time', 'Direction', 'From → to', 'Contact', 'Duration', 'Outcome', 'Recording']}
        >
          {calls.map((call) => (
            <CallRow key={call.id} call={call} companyOf={companyOf} />
          ))}
        </Table>
      )}
      {action.busy && (
        <p className="muted" role="status">
          Loading…
        </p>
      )}
      <ErrorNote error={action.error} />
      {next && (
        <button
          type="button"
          disabled={action.busy}
          onClick={async () => {
            const page = await load(next);
            if (page) setPages((previous) => [...previous, page]);
          }}
        >
          Older calls
        </button>
      )}
    </section>
  );
}

import { useEffect, useRef, useState } from 'react';
import { crm, voice } from '../../api/trpc.client';
import { Link } from '../../shell/router';
import { ErrorNote, Time } from '../../ui/feedback';
import { Table } from '../../ui/table';
import { useAction, useLoad } from '../../ui/use-load';
import { type CallFilter, CallFilters } from './call-filters';

type CallPage = Awaited<ReturnType<typeof voice.calls.list.query>>;
type Call = CallPage['items'][number];
type Company = Awaited<ReturnType<typeof crm.companies.get.query>>;
type CompanyOf = (id: string) => Promise<Company>;

const duration = (seconds: number | null) =>
  seconds === null ? '—' : `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;

/** A contact's name from CRM (one company read per company on the page, shared by its calls). */
function useContactName(companyOf: CompanyOf, companyId: string | null, contactId: string | null) {
  const company = useLoad(() => companyOf(companyId ?? ''), companyId ?? '');
  const contact = company.data?.contacts.find((candidate) => candidate.id === contactId);
  return { company: company.data, name: contact?.name ?? 'contact' };
}

/** The matched contact, and a button that narrows the log to its calls. */
function Contact({
  call,
  companyOf,
  onOnly,
}: {
  call: Call;
  companyOf: CompanyOf;
  onOnly: (call: Call) => void;
}) {
  const { company, name } = useContactName(companyOf, call.companyId, call.contactId);
  if (!call.companyId)
    return <span className="muted">{call.from === 'withheld' ? 'number withheld' : 'not matched'}</span>;
  return (
    <>
      <Link href={`/crm/companies/${call.companyId}`}>
        {name}
        {company && `, ${company.name}`}
      </Link>{' '}
      <button type="button" className="link" onClick={() => onOnly(call)}>
        Only calls with {name}
      </button>
    </>
  );
}

function ContactFilter({
  call,
  companyOf,
  onClear,
}: {
  call: Call;
  companyOf: CompanyOf;
  onClear: () => void;
}) {
  const { name } = useContactName(companyOf, call.companyId, call.contactId);
  return (
    <p className="row">
      Calls with {name}
      <button type="button" onClick={onClear}>
        All contacts
      </button>
    </p>
  );
}

function CallRow({
  call,
  companyOf,
  onOnly,
}: {
  call: Call;
  companyOf: CompanyOf;
  onOnly: (call: Call) => void;
}) {
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
        <Contact call={call} companyOf={companyOf} onOnly={onOnly} />
      </td>
      <td>{duration(call.durationSeconds)}</td>
      <td>{call.outcome ?? call.status}</td>
      <td>
        {call.recordingUrl ? <Link href={call.recordingUrl}>Listen</Link> : <span className="muted">—</span>}
      </td>
    </tr>
  );
}

/** Voice's call log, newest first, a page at a time with Voice's cursor, filtered as staff choose. */
export function CallsPage() {
  const [pages, setPages] = useState<CallPage[]>([]);
  const [filter, setFilter] = useState<CallFilter>({});
  const [contactCall, setContactCall] = useState<Call | undefined>();
  const action = useAction();
  const companies = useRef(new Map<string, Promise<Company>>());
  const companyOf = (companyId: string) => {
    const known = companies.current.get(companyId) ?? crm.companies.get.query({ companyId });
    companies.current.set(companyId, known);
    return known;
  };
  const load = (cursor?: string, by: CallFilter = filter) =>
    action.run(() => voice.calls.list.query({ ...by, cursor, limit: 20 }));
  const apply = async (by: CallFilter) => {
    setFilter(by);
    setPages([]);
    const page = await load(undefined, by);
    if (page) setPages([page]);
  };
  const onOnly = (call: Call) => {
    setContactCall(call);
    void apply({ ...filter, contactId: call.contactId ?? undefined });
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: the first page once per mount
  useEffect(() => {
    load().then((page) => page && setPages([page]));
  }, []);
  const calls = pages.flatMap((page) => page.items);
  const next = pages.at(-1)?.nextCursor;
  return (
    <section>
      <h1>Calls</h1>
      <CallFilters contactId={filter.contactId} onApply={apply} />
      {contactCall && filter.contactId && (
        <ContactFilter
          call={contactCall}
          companyOf={companyOf}
          onClear={() => {
            setContactCall(undefined);
            void apply({ ...filter, contactId: undefined });
          }}
        />
      )}
      {pages.length > 0 && calls.length === 0 && <p>No calls match.</p>}
      {calls.length > 0 && (
        <Table
          label="Calls"
          headers={['Time', 'Direction', 'From → to', 'Contact', 'Duration', 'Outcome', 'Recording']}
        >
          {calls.map((call) => (
            <CallRow key={call.id} call={call} companyOf={companyOf} onOnly={onOnly} />
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

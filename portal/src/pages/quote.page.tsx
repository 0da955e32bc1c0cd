import { ErrorNote, Loading } from '@suite/console/feedback';
import { Link } from '@suite/console/router';
import { type FormEvent, useState } from 'react';
import { api } from '../api/client';
import { shows } from '../config';
import { useClientAction, useClientLoad } from '../use-client';

/** One shared quote: its fixed content, its PDF with the hash, and the accept or decline form. */
export function QuotePage({ shareId }: { shareId: string }) {
  const quote = useClientLoad(() => api.quotes.open.mutate({ shareId }), shareId);
  const signatures = useClientLoad(
    () => (shows('esign') ? api.signatures.list.query() : Promise.resolve([])),
    `signatures-${shareId}`,
  );
  const signature = signatures.data?.find((request) => request.shareId === shareId);
  const action = useClientAction();
  const [decision, setDecision] = useState<'accept' | 'decline'>('accept');
  const respond = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const comment = String(new FormData(event.currentTarget).get('comment') ?? '').trim();
    const done = await action.run(() =>
      api.quotes.respond.mutate({ shareId, decision, ...(comment && { comment }) }),
    );
    if (done) quote.reload();
  };
  return (
    <Loading loaded={quote}>
      {(shared) => (
        <section aria-labelledby="quote">
          <h1 id="quote">{shared.title}</h1>
          <p>
            For {shared.quote.companyName} · amounts in {shared.quote.currency}
          </p>
          <table>
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Quantity</th>
                <th scope="col">Unit price</th>
                <th scope="col">Billed</th>
              </tr>
            </thead>
            <tbody>
              {shared.quote.lines.map((line) => (
                <tr key={`${line.serviceCode}-${line.description}`}>
                  <td>{line.description}</td>
                  <td>{line.quantity}</td>
                  <td>
                    {line.kind === 'discount' ? '−' : ''}
                    {line.unitPrice}
                  </td>
                  <td>{line.recurring ? 'Monthly' : 'Once'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p>
            One-off total <strong>{shared.quote.total}</strong> · monthly total{' '}
            <strong>{shared.quote.recurringTotal}</strong>
          </p>
          {shared.quote.note && <p>{shared.quote.note}</p>}
          <p>
            <a href={`/documents/${shared.shareId}`}>Download the PDF</a>{' '}
            <span className="muted">
              SHA-256 <code>{shared.sha256}</code>
            </span>
          </p>
          {signature && (
            <p>
              <Link href={`/sign/${signature.requestId}`}>
                {signature.status === 'signed' ? 'See the signature' : 'Sign this document'}
              </Link>
            </p>
          )}
          {shared.status === 'accepted' || shared.status === 'declined' ? (
            <p role="status">
              You {shared.status} this quote{shared.responseComment ? `: “${shared.responseComment}”` : '.'}
            </p>
          ) : (
            <form onSubmit={respond} aria-label="Your answer">
              <fieldset>
                <legend>Your answer</legend>
                <label>
                  <input
                    type="radio"
                    name="decision"
                    checked={decision === 'accept'}
                    onChange={() => setDecision('accept')}
                  />
                  Accept
                </label>
                <label>
                  <input
                    type="radio"
                    name="decision"
                    checked={decision === 'decline'}
                    onChange={() => setDecision('decline')}
                  />
                  Decline
                </label>
                <label>
                  Comment (optional)
                  <textarea name="comment" maxLength={2000} rows={3} />
                </label>
              </fieldset>
              <button type="submit" disabled={action.busy}>
                {action.busy ? 'Sending…' : 'Send my answer'}
              </button>
              <ErrorNote error={action.error} />
            </form>
          )}
        </section>
      )}
    </Loading>
  );
}

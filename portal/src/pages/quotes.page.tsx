import { Time } from '@suite/console/feedback';
import { Link } from '@suite/console/router';
import { api } from '../api/client';
import { LoadedList } from '../loaded-list';
import { useClientLoad } from '../use-client';

const STATUS: Record<string, string> = {
  shared: 'New',
  viewed: 'Opened',
  accepted: 'Accepted',
  declined: 'Declined',
  signed: 'Signed',
};

/** The quotes shared with the client's company. */
export function QuotesPage() {
  const quotes = useClientLoad(() => api.quotes.list.query(), 'quotes');
  return (
    <section aria-labelledby="quotes">
      <h1 id="quotes">Quotes</h1>
      <LoadedList loaded={quotes} empty="No quotes have been shared with you yet.">
        {(list) => (
          <table>
            <thead>
              <tr>
                <th scope="col">Quote</th>
                <th scope="col">Shared</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {list.map((quote) => (
                <tr key={quote.shareId}>
                  <td>
                    <Link href={`/quotes/${quote.shareId}`}>{quote.title}</Link>
                  </td>
                  <td>
                    <Time at={quote.sharedAt} />
                  </td>
                  <td>{STATUS[quote.status] ?? quote.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </LoadedList>
    </section>
  );
}

import { Loading, Time } from '@suite/console/feedback';
import { api } from '../api/client';
import { useClientLoad } from '../use-client';

/** The company's timeline, as far as the MSP shows it to clients. */
export function ActivityPage() {
  const activity = useClientLoad(() => api.activity.list.query(), 'activity');
  return (
    <section aria-labelledby="activity">
      <h1 id="activity">Activity</h1>
      <Loading loaded={activity}>
        {(page) =>
          page.items.length === 0 ? (
            <p>Nothing yet.</p>
          ) : (
            <ul>
              {page.items.map((item) => (
                <li key={item.activityId}>
                  <Time at={item.occurredAt} /> {item.title}
                </li>
              ))}
            </ul>
          )
        }
      </Loading>
    </section>
  );
}

import { Time } from '@suite/console/feedback';
import { api } from '../api/client';
import { LoadedList } from '../loaded-list';
import { useClientLoad } from '../use-client';

/** The company's timeline, as far as the MSP shows it to clients. */
export function ActivityPage() {
  const activity = useClientLoad(async () => (await api.activity.list.query()).items, 'activity');
  return (
    <section aria-labelledby="activity">
      <h1 id="activity">Activity</h1>
      <LoadedList loaded={activity} empty="Nothing yet.">
        {(items) => (
          <ul>
            {items.map((item) => (
              <li key={item.activityId}>
                <Time at={item.occurredAt} /> {item.title}
              </li>
            ))}
          </ul>
        )}
      </LoadedList>
    </section>
  );
}

import { type ChangeEvent, useId } from 'react';
import { auth, type Session } from '../api/auth.client';
import { ErrorNote } from '../ui/feedback';
import { useAction } from '../ui/use-load';

/**
 * Switching org reloads the console at the product's first page: ids in the address belong to the
 * previous org, and a fresh load leaves nothing of its data in memory.
 */
export function OrgSwitcher({ session }: { session: Session }) {
  const id = useId();
  const action = useAction();
  if (session.orgs.length < 2) return <span>{session.org?.name}</span>;
  const onChange = async (event: ChangeEvent<HTMLSelectElement>) => {
    const switched = await action.run(() => auth.switchOrg(event.target.value));
    if (switched) location.assign(`/${location.pathname.split('/')[1] ?? 'crm'}/`);
  };
  return (
    <span>
      <label htmlFor={id}>Org </label>
      <select id={id} value={session.org?.id} onChange={onChange} disabled={action.busy}>
        {session.orgs.map((org) => (
          <option key={org.id} value={org.id}>
            {org.name}
          </option>
        ))}
      </select>
      <ErrorNote error={action.error} />
    </span>
  );
}

import { Loading } from '@suite/console/feedback';
import type { ReactNode } from 'react';
import type { Loaded } from './use-client';

/** A list a page loads: "Loading…" while it comes, the server's error, or `empty` when it holds nothing. */
export function LoadedList<T>({
  loaded,
  empty,
  children,
}: {
  loaded: Loaded<readonly T[]>;
  empty: string;
  children: (items: readonly T[]) => ReactNode;
}) {
  return (
    <Loading loaded={loaded}>{(items) => (items.length === 0 ? <p>{empty}</p> : children(items))}</Loading>
  );
}

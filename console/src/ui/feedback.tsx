import type { ReactNode } from 'react';
import type { ApiError } from '../api/api-error';
import type { Loaded } from './use-load';

export function ErrorNote({ error }: { error: ApiError | undefined }) {
  if (!error) return null;
  return (
    <div className="error" role="alert">
      <p>{error.message}</p>
      {error.requestId && (
        <p className="muted">
          Request id <code>{error.requestId}</code>
        </p>
      )}
    </div>
  );
}

/** Renders `children` with the data, a progress line while loading, the server's error when it failed. */
export function Loading<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  if (loaded.error) return <ErrorNote error={loaded.error} />;
  if (loaded.data === undefined)
    return (
      <p className="muted" role="status">
        Loading…
      </p>
    );
  return <>{children(loaded.data)}</>;
}

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A moment in the person's own time zone (the browser's), with the exact instant on hover. */
export function Time({ at }: { at: string | null | undefined }) {
  if (!at) return <span className="muted">—</span>;
  return (
    <time dateTime={at} title={at}>
      {dateTime.format(new Date(at))}
    </time>
  );
}

export const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

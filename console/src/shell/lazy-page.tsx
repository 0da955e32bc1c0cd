import { type ComponentType, lazy, Suspense } from 'react';

/**
 * A page whose code loads when it is first opened, keeping the first load small; "Loading…" meanwhile,
 * like a page waiting for its data.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Page = lazy(async () => ({ default: await load() }));
  return function LazyPage(props: P) {
    return (
      <Suspense
        fallback={
          <p className="muted" role="status">
            Loading…
          </p>
        }
      >
        <Page {...props} />
      </Suspense>
    );
  };
}

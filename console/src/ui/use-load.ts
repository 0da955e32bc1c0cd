import { useCallback, useEffect, useState } from 'react';
import { type ApiError, signInAgain, toApiError } from '../api/api-error';

export interface Loaded<T> {
  readonly data?: T;
  readonly error?: ApiError;
  readonly loading: boolean;
  reload(): void;
}

/** Loads on mount and whenever `key` changes; a lapsed session goes back through Hub. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what `load` depends on
  const run = useCallback(load, [key]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `round` is how `reload` asks for another load
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    run().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => {
        const failure = toApiError(error);
        if (failure.status === 401) signInAgain();
        if (current) setState({ error: failure, loading: false });
      },
    );
    return () => {
      current = false;
    };
  }, [run, round]);
  return { ...state, reload: () => setRound((value) => value + 1) };
}

export interface Action {
  readonly busy: boolean;
  readonly error: ApiError | undefined;
  run<T>(work: () => Promise<T>): Promise<T | undefined>;
}

/** A button's work: busy while it runs (shown as progress), the server's error when it fails. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  return {
    busy,
    error,
    async run(work) {
      setBusy(true);
      setError(undefined);
      try {
        return await work();
      } catch (failure) {
        const apiError = toApiError(failure);
        if (apiError.status === 401) signInAgain();
        setError(apiError);
        return undefined;
      } finally {
        setBusy(false);
      }
    },
  };
}

/** Reloads every `ms` while `waiting`: for effects that arrive over the bus a moment later. */
export function usePolling(reload: () => void, waiting: boolean, ms = 1000): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: `reload` changes every render
  useEffect(() => {
    if (!waiting) return;
    const timer = setInterval(reload, ms);
    return () => clearInterval(timer);
  }, [waiting, ms]);
}

import { type ApiError, toApiError } from '@suite/console/api-error';
import { navigate } from '@suite/console/router';
import { useEffect, useState } from 'react';

export interface Loaded<T> {
  readonly data?: T;
  readonly error?: ApiError;
  readonly loading: boolean;
  reload(): void;
}

const toSignIn = (error: ApiError) => {
  if (error.status === 401) navigate('/sign-in');
  return error;
};

/** Loads on mount and when `key` changes; a signed-out client goes to the sign-in page. */
export function useClientLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({ loading: true });
  const [round, setRound] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` and `round` name what `load` depends on
  useEffect(() => {
    let current = true;
    load().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => current && setState({ error: toSignIn(toApiError(error)), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [key, round]);
  return { ...state, reload: () => setRound((value) => value + 1) };
}

/** A form's work: busy while it runs, the server's error when it fails. */
export function useClientAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  return {
    busy,
    error,
    async run<T>(work: () => Promise<T>): Promise<T | undefined> {
      setBusy(true);
      setError(undefined);
      try {
        return await work();
      } catch (failure) {
        setError(toSignIn(toApiError(failure)));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
  };
}

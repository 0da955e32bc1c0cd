import { ErrorNote } from './feedback';
import { useAction } from './use-load';

interface ActionButtonProps<T> {
  readonly label: string;
  /** Shown while the call runs, e.g. "Signing…". */
  readonly busyLabel: string;
  readonly ariaLabel?: string;
  /** Answers undefined when it did nothing (a confirmation declined). */
  readonly run: () => Promise<T | undefined>;
  readonly onDone: (result: T) => void;
}

/** One call behind one button: progress while it runs, the server's error under it when it fails. */
export function ActionButton<T>({ label, busyLabel, ariaLabel, run, onDone }: ActionButtonProps<T>) {
  const action = useAction();
  return (
    <>
      <button
        type="button"
        disabled={action.busy}
        aria-label={ariaLabel}
        onClick={async () => {
          const result = await action.run(run);
          if (result !== undefined) onDone(result);
        }}
      >
        {action.busy ? busyLabel : label}
      </button>
      <ErrorNote error={action.error} />
    </>
  );
}

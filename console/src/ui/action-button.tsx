import { ErrorNote } from './feedback';
import { useAction } from './use-load';

interface ActionButtonProps {
  readonly label: string;
  /** Shown while the call runs, e.g. "Signing…". */
  readonly busyLabel: string;
  readonly ariaLabel?: string;
  readonly run: () => Promise<unknown>;
  readonly onDone: () => void;
}

/** One call behind one button: progress while it runs, the server's error under it when it fails. */
export function ActionButton({ label, busyLabel, ariaLabel, run, onDone }: ActionButtonProps) {
  const action = useAction();
  return (
    <>
      <button
        type="button"
        disabled={action.busy}
        aria-label={ariaLabel}
        onClick={async () => (await action.run(run)) !== undefined && onDone()}
      >
        {action.busy ? busyLabel : label}
      </button>
      <ErrorNote error={action.error} />
    </>
  );
}

import { ErrorNote, Loading, Time } from '@suite/console/feedback';
import { type FormEvent, useRef, useState } from 'react';
import { api } from '../api/client';
import { useClientAction, useClientLoad } from '../use-client';
import { SignaturePad, type SignaturePadHandle } from './signature-pad';

const STEP: Record<string, string> = {
  created: 'Sent for signature',
  viewed: 'Opened',
  consented: 'Agreed to sign electronically',
  signed: 'Signed',
};

/**
 * A document to sign: review the PDF (its SHA-256 is what gets signed), tick consent, type a name and
 * either sign with it or draw a signature on the pad.
 * Opening the page is recorded in the audit trail, which the page shows.
 */
export function SignPage({ requestId }: { requestId: string }) {
  const signature = useClientLoad(() => api.signatures.open.mutate({ requestId }), requestId);
  const action = useClientAction();
  const [drawing, setDrawing] = useState(false);
  const [padNote, setPadNote] = useState<string>();
  const pad = useRef<SignaturePadHandle>(null);
  const sign = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const signerName = String(new FormData(event.currentTarget).get('signerName') ?? '');
    const drawnSignature = drawing ? pad.current?.png() : undefined;
    setPadNote(
      drawing && !drawnSignature ? 'Draw your signature on the pad, or choose to type your name.' : undefined,
    );
    if (drawing && !drawnSignature) return;
    // The form submits only with the consent box ticked (`required`); the server checks it again.
    const done = await action.run(() =>
      api.signatures.sign.mutate({
        requestId,
        signerName,
        consent: true,
        ...(drawnSignature && { drawnSignature }),
      }),
    );
    if (done) signature.reload();
  };
  return (
    <Loading loaded={signature}>
      {(request) => (
        <section aria-labelledby="sign">
          <h1 id="sign">Sign {request.title}</h1>
          <p>
            <a href={`/documents/${request.shareId}`}>
              {request.status === 'signed' ? 'Download the signed PDF' : 'Review the PDF'}
            </a>{' '}
            <span className="muted">
              SHA-256 <code>{request.signedSha256 ?? request.documentSha256}</code>
            </span>
          </p>
          {request.status === 'signed' ? (
            <p role="status">
              Signed by {request.signerName}
              {request.signedAt && (
                <>
                  {' '}
                  on <Time at={request.signedAt} />
                </>
              )}
              .
            </p>
          ) : (
            <form onSubmit={sign} aria-label="Sign">
              <label>
                Your full name
                <input name="signerName" required maxLength={200} autoComplete="name" />
              </label>
              <fieldset>
                <legend>How do you sign?</legend>
                <label className="check">
                  <input type="radio" name="method" checked={!drawing} onChange={() => setDrawing(false)} />
                  My typed name is my signature
                </label>
                <label className="check">
                  <input type="radio" name="method" checked={drawing} onChange={() => setDrawing(true)} />
                  Draw my signature
                </label>
              </fieldset>
              {drawing && <SignaturePad pad={pad} />}
              {padNote && <p role="alert">{padNote}</p>}
              <label className="check">
                <input type="checkbox" name="consent" required />
                {request.consentText}
              </label>
              <button type="submit" disabled={action.busy}>
                {action.busy ? 'Signing…' : 'Sign'}
              </button>
              <ErrorNote error={action.error} />
            </form>
          )}
          <h2>Audit trail</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">Step</th>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">From</th>
              </tr>
            </thead>
            <tbody>
              {request.trail.map((row) => (
                <tr key={row.seq}>
                  <td>{STEP[row.step] ?? row.step}</td>
                  <td>
                    <Time at={row.at} />
                  </td>
                  <td>{row.actorName}</td>
                  <td>{row.ip}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">
            Chain head <code>{request.chainHead}</code>
          </p>
        </section>
      )}
    </Loading>
  );
}

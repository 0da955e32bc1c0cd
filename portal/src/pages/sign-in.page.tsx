import { ErrorNote } from '@suite/console/feedback';
import { type FormEvent, useState } from 'react';
import { post } from '../api/client';
import { config } from '../config';
import { useClientAction } from '../use-client';

/** Asks for a sign-in link by email; the answer is the same whether or not the address has access. */
export function SignInPage() {
  const action = useClientAction();
  const [sent, setSent] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '');
    if (await action.run(() => post('/portal/sign-in/link', { email }))) setSent(true);
  };
  if (sent)
    return (
      <section aria-labelledby="sign-in">
        <h1 id="sign-in">Check your email</h1>
        <p role="status">
          If this address has access to {config.name}, a sign-in link is on its way. It works once, for 15
          minutes.
        </p>
      </section>
    );
  return (
    <section aria-labelledby="sign-in">
      <h1 id="sign-in">Sign in to {config.name}</h1>
      <form onSubmit={submit}>
        <label>
          Email address
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <button type="submit" disabled={action.busy}>
          {action.busy ? 'Sending…' : 'Email me a sign-in link'}
        </button>
      </form>
      <ErrorNote error={action.error} />
    </section>
  );
}

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../api/api-error';
import { request } from '../../api/graphql-client';
import { useSession } from '../../app/session';
import { SignInDocument } from '../../gql/graphql';
import { safeNext } from '../../lib/navigation';
import layout from '../../app/layout.module.css';
import styles from '../../ui/ui.module.css';

/** Sign in with email and password; the server sets the HttpOnly session cookie. */
export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const { startSession } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation({
    mutationFn: () => request(SignInDocument, { input: { email: email.trim(), password } }),
    onSuccess: () => {
      setPassword('');
      startSession();
      void navigate(safeNext(params.get('next')), { replace: true });
    },
  });
  const wrongCredentials = signIn.error instanceof ApiError && signIn.error.has('AUTH_INVALID_CREDENTIALS');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate();
  };
  return (
    <main className={layout.narrow}>
      <h1>Sign in to Roster</h1>
      {params.get('reason') === 'expired' ? (
        <p role="status" className={styles.notice}>
          Your session has expired. Sign in again to continue where you were.
        </p>
      ) : null}
      <form onSubmit={submit} noValidate>
        <div className={styles.field}>
          <label className={styles.label} htmlFor="email">
            Email
          </label>
          <input id="email" className={styles.input} type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </div>
        <div className={styles.field}>
          <label className={styles.label} htmlFor="password">
            Password
          </label>
          <input
            id="password"
            className={styles.input}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            aria-invalid={wrongCredentials}
            aria-describedby={wrongCredentials ? 'sign-in-error' : undefined}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        {signIn.error ? (
          <div id="sign-in-error" role="alert" className={styles.alert}>
            {wrongCredentials ? 'The email or password is wrong.' : signIn.error.message}
            {!wrongCredentials && signIn.error instanceof ApiError && signIn.error.requestId ? (
              <div className={styles.hint}>Request id: {signIn.error.requestId}</div>
            ) : null}
          </div>
        ) : null}
        <button type="submit" className={styles.button} disabled={signIn.isPending || email.trim() === '' || password === ''}>
          {signIn.isPending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}

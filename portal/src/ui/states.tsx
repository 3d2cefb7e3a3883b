import type { ReactNode } from 'react';
import { ApiError } from '../api/api-error';
import styles from './ui.module.css';

/** While a page's data loads: announced to screen readers, once. */
export function Loading({ what }: { what: string }) {
  return (
    <p role="status" className={styles.muted}>
      Loading {what}…
    </p>
  );
}

/** An error as the admin can act on it: the server's words and the request id to quote. */
export function ErrorMessage({ error, title }: { error: unknown; title?: string }) {
  const message = error instanceof Error ? error.message : String(error);
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <div role="alert" className={styles.alert}>
      {title ? <strong>{title} </strong> : null}
      {message}
      {requestId ? <div className={styles.hint}>Request id: {requestId}</div> : null}
    </div>
  );
}

/** Nothing to show yet, and what to do next. */
export function Empty({ children }: { children: ReactNode }) {
  return <div className={styles.notice}>{children}</div>;
}

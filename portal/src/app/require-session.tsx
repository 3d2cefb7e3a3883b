import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { isSessionLost } from '../api/api-error';
import { signInLink } from '../lib/navigation';
import { ErrorMessage, Loading } from '../ui/states';
import { Layout } from './layout';
import { useSession, useViewer, type Viewer } from './session';
import styles from './layout.module.css';

/**
 * Signed-in pages: without a session (or once it ran out) the admin goes to sign in, with this
 * page as where to come back to. The page gets the viewer.
 */
export function RequireSession({ children }: { children: (viewer: Viewer) => ReactNode }) {
  const location = useLocation();
  const { expired } = useSession();
  const viewer = useViewer();
  if (expired || isSessionLost(viewer.error)) return <Navigate replace to={signInLink(location, expired)} />;
  if (viewer.error) {
    return (
      <main className={styles.narrow}>
        <ErrorMessage error={viewer.error} title="Roster could not load your session." />
        <button type="button" onClick={() => void viewer.refetch()}>
          Retry
        </button>
      </main>
    );
  }
  if (!viewer.data) {
    return (
      <main className={styles.narrow}>
        <Loading what="your session" />
      </main>
    );
  }
  return <Layout viewer={viewer.data}>{children(viewer.data)}</Layout>;
}

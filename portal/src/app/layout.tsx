import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Link, NavLink, useNavigate } from 'react-router';
import { request } from '../api/graphql-client';
import { SignOutDocument } from '../gql/graphql';
import { signInPath } from '../lib/navigation';
import { ErrorMessage } from '../ui/states';
import styles from './layout.module.css';
import { useSession, type Viewer } from './session';

/** The frame of every signed-in page: Manage › Groups, Webhooks, Events; who is signed in; Sign out. */
export function Layout({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  const { startSession } = useSession();
  const navigate = useNavigate();
  const signOut = useMutation({
    mutationFn: () => request(SignOutDocument),
    onSuccess: () => {
      startSession();
      void navigate(signInPath, { replace: true });
    },
  });
  return (
    <>
      <a className={styles.skip} href="#main">
        Skip to content
      </a>
      <header className={styles.header}>
        <Link to="/groups" className={styles.brand}>
          Roster
        </Link>
        <nav aria-label="Manage" className={styles.nav}>
          <span className={styles.navLabel}>Manage ›</span>
          <NavLink to="/groups" className={styles.navLink}>
            Groups
          </NavLink>
          <NavLink to="/webhooks" className={styles.navLink}>
            Webhooks
          </NavLink>
          <NavLink to="/events" className={styles.navLink}>
            Events
          </NavLink>
        </nav>
        <div className={styles.account}>
          <span>
            {viewer.admin.email} · {viewer.organization.name}
          </span>
          <button type="button" className={styles.signOut} disabled={signOut.isPending} onClick={() => signOut.mutate()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className={styles.main}>
        {signOut.error ? <ErrorMessage error={signOut.error} title="Signing out failed." /> : null}
        {children}
      </main>
    </>
  );
}

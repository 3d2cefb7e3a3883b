import { createBrowserRouter, Link, Navigate, RouterProvider } from 'react-router';
import { EventsPage } from '../pages/events/events.page';
import { GroupPage } from '../pages/group/group.page';
import { GroupsPage } from '../pages/groups/groups.page';
import { MemberPage } from '../pages/member/member.page';
import { TeamPage } from '../pages/team/team.page';
import { SignInPage } from '../pages/sign-in/sign-in.page';
import { WebhookPage } from '../pages/webhook/webhook.page';
import { WebhooksPage } from '../pages/webhooks/webhooks.page';
import { homePath, signInPath } from '../lib/navigation';
import { Empty } from '../ui/states';
import { RequireSession } from './require-session';
import { SessionProvider } from './session';

// The server answers these paths with index.html (src/http/portal.ts, `clientRoute`): a new
// top-level path needs adding there too.
const router = createBrowserRouter([
  { path: signInPath, element: <SignInPage /> },
  { path: '/', element: <Navigate replace to={homePath} /> },
  { path: '/groups', element: <RequireSession>{(viewer) => <GroupsPage viewer={viewer} />}</RequireSession> },
  { path: '/groups/:groupId/members/:memberId', element: <RequireSession>{() => <MemberPage />}</RequireSession> },
  { path: '/groups/:groupId/teams/:teamId', element: <RequireSession>{() => <TeamPage />}</RequireSession> },
  { path: '/groups/:groupId/:tab?', element: <RequireSession>{(viewer) => <GroupPage viewer={viewer} />}</RequireSession> },
  { path: '/webhooks', element: <RequireSession>{(viewer) => <WebhooksPage viewer={viewer} />}</RequireSession> },
  { path: '/webhooks/:endpointId', element: <RequireSession>{(viewer) => <WebhookPage viewer={viewer} />}</RequireSession> },
  { path: '/events', element: <RequireSession>{() => <EventsPage />}</RequireSession> },
  {
    path: '*',
    element: (
      <RequireSession>
        {() => (
          <Empty>
            There is no such page in the portal. <Link to={homePath}>Go to the groups</Link>
          </Empty>
        )}
      </RequireSession>
    ),
  },
]);

export function App() {
  return (
    <SessionProvider>
      <RouterProvider router={router} />
    </SessionProvider>
  );
}

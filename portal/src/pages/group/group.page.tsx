import * as Tabs from '@radix-ui/react-tabs';
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { request } from '../../api/graphql-client';
import type { Viewer } from '../../app/session';
import { GroupDocument, type GroupQuery } from '../../gql/graphql';
import { plural } from '../../lib/format';
import { KindBadge } from '../../ui/badges';
import { Empty, ErrorMessage, Loading } from '../../ui/states';
import styles from './group.module.css';
import { ActivityTab } from './activity-tab';
import { MembersTab } from './members-tab';
import { ScimTab } from './scim-tab';
import { SettingsTab } from './settings-tab';
import { TeamsTab } from './teams-tab';

const scimTabs = ['scim', 'members', 'teams', 'activity', 'settings'] as const;
const standardTabs = ['members', 'teams', 'activity', 'settings'] as const;
type TabName = (typeof scimTabs)[number];
const titles: Record<TabName, string> = { scim: 'SCIM', members: 'Members', teams: 'Teams', activity: 'Activity', settings: 'Settings' };

/** A group, with its tabs in the URL (`/groups/:id/scim`), so a reload or a sign-in comes back to the tab. */
export function GroupPage({ viewer }: { viewer: Viewer }) {
  const { groupId = '', tab } = useParams();
  const navigate = useNavigate();
  const group = useQuery({
    queryKey: ['group', groupId],
    queryFn: () => request(GroupDocument, { id: groupId }).then((data) => data.group),
    // A SCIM group's member count changes while the admin watches the identity provider sync.
    refetchInterval: (query) => (query.state.data?.kind === 'SCIM' ? 5_000 : false),
  });

  if (group.error) return <ErrorMessage error={group.error} title="The group could not be loaded." />;
  if (group.isPending) return <Loading what="the group" />;
  if (!group.data) {
    return (
      <Empty>
        There is no such group in {viewer.organization.name} (it may have been deleted). <Link to="/groups">Back to the groups</Link>
      </Empty>
    );
  }
  const g = group.data;
  const tabs: readonly TabName[] = g.kind === 'SCIM' ? scimTabs : standardTabs;
  const current = tabs.find((t) => t === tab);
  if (!current) return <Navigate replace to={`/groups/${g.id}/${tabs[0] ?? 'members'}`} />;

  return (
    <>
      <p className={styles.breadcrumb}>
        <Link to="/groups">Groups</Link> › {g.name}
      </p>
      <div className={styles.heading}>
        <h1>{g.name}</h1>
        <KindBadge kind={g.kind} />
        <span>{plural(g.memberCount, 'member')}</span>
      </div>
      <Tabs.Root value={current} onValueChange={(value) => void navigate(`/groups/${g.id}/${value}`)} activationMode="manual">
        <Tabs.List aria-label="Group" className={styles.tabList}>
          {tabs.map((t) => (
            <Tabs.Trigger key={t} value={t} className={styles.tab}>
              {titles[t]}
            </Tabs.Trigger>
          ))}
        </Tabs.List>
        {/* One panel per tab (each trigger controls one); only the current one has content. */}
        {tabs.map((t) => (
          <Tabs.Content key={t} value={t}>
            {t === current ? <TabPanel tab={t} group={g} /> : null}
          </Tabs.Content>
        ))}
      </Tabs.Root>
    </>
  );
}

function TabPanel({ tab, group }: { tab: TabName; group: GroupQuery['group'] & object }) {
  switch (tab) {
    case 'scim':
      return <ScimTab groupId={group.id} />;
    case 'members':
      return <MembersTab groupId={group.id} kind={group.kind} />;
    case 'teams':
      return <TeamsTab groupId={group.id} kind={group.kind} />;
    case 'activity':
      return <ActivityTab groupId={group.id} />;
    case 'settings':
      return <SettingsTab group={group} />;
  }
}

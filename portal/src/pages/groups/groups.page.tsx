import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { request } from '../../api/graphql-client';
import type { Viewer } from '../../app/session';
import { GroupsDocument } from '../../gql/graphql';
import { plural } from '../../lib/format';
import { summarizeHealth } from '../../lib/scim-health';
import { tokenStatus } from '../../lib/scim-tokens';
import { HealthBadge, KindBadge } from '../../ui/badges';
import { Pager } from '../../ui/pager';
import { Empty, ErrorMessage, Loading } from '../../ui/states';
import { useCursorPages, useDebouncedValue } from '../../ui/use-cursor-pages';
import { TableBox } from '../../ui/table-box';
import styles from '../../ui/ui.module.css';
import { AddGroupDialog } from './add-group.dialog';

const pageSize = 20;

/** Manage › Groups: every group with its type, member count and, for SCIM groups, connection health. */
export function GroupsPage({ viewer }: { viewer: Viewer }) {
  const [search, setSearch] = useState('');
  const settled = useDebouncedValue(search.trim());
  const pages = useCursorPages(settled);
  const groups = useQuery({
    queryKey: ['groups', settled, pages.after],
    queryFn: () => request(GroupsDocument, { first: pageSize, after: pages.after, filter: settled ? { search: settled } : null }),
    placeholderData: keepPreviousData,
  });
  const connection = groups.data?.groups;
  return (
    <>
      <h1>Groups</h1>
      <div className={styles.toolbar}>
        <div className={styles.field}>
          <label className={styles.label} htmlFor="group-search">
            Search groups
          </label>
          <input id="group-search" type="search" className={styles.input} value={search} onChange={(e) => setSearch(e.target.value)} />
        </div>
        <AddGroupDialog scimAvailable={viewer.organization.features.scim} plan={viewer.organization.plan} />
      </div>
      {groups.error ? <ErrorMessage error={groups.error} title="The groups could not be loaded." /> : null}
      {!connection ? (
        groups.isPending ? (
          <Loading what="groups" />
        ) : null
      ) : connection.edges.length === 0 ? (
        <Empty>
          {settled
            ? `No group’s name contains “${settled}”.`
            : 'No groups yet. Add New creates one: choose SCIM Integration to connect an identity provider such as Okta or Entra ID, or Standard to manage its members here.'}
        </Empty>
      ) : (
        <>
          <TableBox label="Groups">
            <table className={styles.table}>
              <caption className={styles.srOnly}>Groups</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Members</th>
                  <th scope="col">SCIM connection</th>
                </tr>
              </thead>
              <tbody>
                {connection.edges.map(({ node }) => {
                  const health = node.scim
                    ? summarizeHealth(node.scim.connection, {
                        activeTokens: node.scim.tokens.filter((t) => tokenStatus(t) === 'active').length,
                        memberCount: node.memberCount,
                      })
                    : null;
                  return (
                    <tr key={node.id}>
                      <td>
                        <Link to={`/groups/${node.id}`}>{node.name}</Link>
                      </td>
                      <td>
                        <KindBadge kind={node.kind} />
                      </td>
                      <td>{node.memberCount.toLocaleString('en')}</td>
                      <td>{health ? <HealthBadge status={health.status} label={health.label} /> : <span className={styles.muted}>—</span>}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </TableBox>
          <Pager
            page={pages.page}
            total={plural(connection.totalCount, 'group')}
            hasNextPage={connection.pageInfo.hasNextPage}
            endCursor={connection.pageInfo.endCursor}
            next={pages.next}
            previous={pages.previous}
          />
        </>
      )}
    </>
  );
}

import { useQuery } from '@tanstack/react-query';
import { request } from '../../api/graphql-client';
import { GroupTeamsDocument, type GroupKind } from '../../gql/graphql';
import { formatTime, plural } from '../../lib/format';
import { Pager } from '../../ui/pager';
import { Empty, ErrorMessage, Loading } from '../../ui/states';
import { useCursorPages } from '../../ui/use-cursor-pages';
import { TableBox } from '../../ui/table-box';
import styles from '../../ui/ui.module.css';

const pageSize = 25;

/** The group's teams: for SCIM groups, the SCIM Groups the identity provider pushed. */
export function TeamsTab({ groupId, kind }: { groupId: string; kind: GroupKind }) {
  const pages = useCursorPages('');
  const teams = useQuery({
    queryKey: ['group', groupId, 'teams', pages.after],
    queryFn: () => request(GroupTeamsDocument, { id: groupId, first: pageSize, after: pages.after }).then((data) => data.group?.teams ?? null),
  });
  if (teams.error) return <ErrorMessage error={teams.error} title="The teams could not be loaded." />;
  if (!teams.data) return <Loading what="teams" />;
  if (teams.data.edges.length === 0) {
    return (
      <Empty>
        {kind === 'SCIM'
          ? 'No teams yet. Teams are the groups the identity provider pushes (Okta: Push Groups; Entra ID: assigned groups with group provisioning on).'
          : 'No teams yet.'}
      </Empty>
    );
  }
  return (
    <>
      <TableBox label="Teams">
        <table className={styles.table}>
          <caption className={styles.srOnly}>Teams</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">External id</th>
              <th scope="col">Members</th>
              <th scope="col">Last change</th>
            </tr>
          </thead>
          <tbody>
            {teams.data.edges.map(({ node }) => (
              <tr key={node.id}>
                <td>{node.displayName}</td>
                <td>{node.externalId ?? <span className={styles.muted}>—</span>}</td>
                <td>{node.memberCount.toLocaleString('en')}</td>
                <td>{formatTime(node.updatedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
      <Pager
        page={pages.page}
        total={plural(teams.data.totalCount, 'team')}
        hasNextPage={teams.data.pageInfo.hasNextPage}
        endCursor={teams.data.pageInfo.endCursor}
        next={pages.next}
        previous={pages.previous}
      />
    </>
  );
}

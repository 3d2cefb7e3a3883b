import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { request } from '../../api/graphql-client';
import { GroupActivityDocument, type ActivityFilter } from '../../gql/graphql';
import { actorKindLabels } from '../../lib/activity';
import { actionLabels } from '../../lib/event-types';
import { changeRows, formatTime, plural } from '../../lib/format';
import { Pager } from '../../ui/pager';
import { Empty, ErrorMessage, Loading } from '../../ui/states';
import { useCursorPages } from '../../ui/use-cursor-pages';
import { TableBox } from '../../ui/table-box';
import styles from '../../ui/ui.module.css';

const pageSize = 25;

/** A group's log, newest first, narrowed by `filter`; it asks again every 5 s while shown. */
export function ActivityList({ groupId, filter, caption, empty }: { groupId: string; filter: ActivityFilter | null; caption: string; empty: string }) {
  const pages = useCursorPages(JSON.stringify(filter));
  const activity = useQuery({
    queryKey: ['group', groupId, 'activity', filter, pages.after],
    queryFn: () => request(GroupActivityDocument, { id: groupId, first: pageSize, after: pages.after, filter }).then((data) => data.group?.activity ?? null),
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });
  if (activity.error && !activity.data) return <ErrorMessage error={activity.error} title="The activity could not be loaded." />;
  if (!activity.data) return <Loading what="activity" />;
  if (activity.data.edges.length === 0) return <Empty>{empty}</Empty>;
  return (
    <>
      {activity.error ? <ErrorMessage error={activity.error} title="Refreshing failed; this shows the last answer." /> : null}
      <TableBox label={caption}>
        <table className={styles.table}>
          <caption className={styles.srOnly}>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Time</th>
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">Changes</th>
            </tr>
          </thead>
          <tbody>
            {activity.data.edges.map(({ node }) => {
              const rows = changeRows(node.changes);
              return (
                <tr key={node.id}>
                  <td>{formatTime(node.createdAt)}</td>
                  <td>
                    {node.actor.label}
                    <div className={styles.hint}>{actorKindLabels[node.actor.type]}</div>
                  </td>
                  <td>
                    {actionLabels[node.action] ?? node.action}
                    <div className={styles.hint}>
                      <code>{node.action}</code>
                    </div>
                  </td>
                  <td>
                    {node.targetLabel}
                    <div className={styles.hint}>{node.targetType}</div>
                  </td>
                  <td>
                    {rows.length === 0 ? (
                      <span className={styles.muted}>—</span>
                    ) : (
                      <ul>
                        {rows.map((row) => (
                          <li key={row.field}>
                            {row.field}: {row.before} → {row.after}
                          </li>
                        ))}
                      </ul>
                    )}
                    {node.requestId ? <div className={styles.hint}>Request id: {node.requestId}</div> : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableBox>
      <Pager
        page={pages.page}
        total={plural(activity.data.totalCount, 'event')}
        hasNextPage={activity.data.pageInfo.hasNextPage}
        endCursor={activity.data.pageInfo.endCursor}
        next={pages.next}
        previous={pages.previous}
      />
    </>
  );
}

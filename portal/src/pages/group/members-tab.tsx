import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { request } from '../../api/graphql-client';
import { CreateMemberDocument, GroupMembersDocument, type GroupKind } from '../../gql/graphql';
import { createInput, emptyMember } from '../../lib/member-form';
import { formatTime, personName, plural } from '../../lib/format';
import { ActiveBadge } from '../../ui/badges';
import { Pager } from '../../ui/pager';
import { Empty, ErrorMessage, Loading } from '../../ui/states';
import { useCursorPages, useDebouncedValue } from '../../ui/use-cursor-pages';
import { TableBox } from '../../ui/table-box';
import styles from '../../ui/ui.module.css';
import { MemberFormDialog } from '../member/member-form.dialog';

const pageSize = 25;
type ActiveFilter = 'all' | 'active' | 'deactivated';

/** The group's members: search, active filter, paging. SCIM groups' members are the identity provider's to change. */
export function MembersTab({ groupId, kind }: { groupId: string; kind: GroupKind }) {
  const [search, setSearch] = useState('');
  const [active, setActive] = useState<ActiveFilter>('all');
  const settled = useDebouncedValue(search.trim());
  const pages = useCursorPages(`${settled}\u0000${active}`);
  const filter = { ...(settled ? { search: settled } : {}), ...(active === 'all' ? {} : { active: active === 'active' }) };
  const members = useQuery({
    queryKey: ['group', groupId, 'members', settled, active, pages.after],
    queryFn: () => request(GroupMembersDocument, { id: groupId, first: pageSize, after: pages.after, filter }).then((data) => data.group?.members ?? null),
    placeholderData: keepPreviousData,
    // Members arrive from the identity provider while the admin watches.
    refetchInterval: kind === 'SCIM' ? 5_000 : false,
  });
  const list = members.data;
  return (
    <>
      {kind === 'SCIM' ? (
        <p className={styles.notice}>The identity provider manages these members: they are read-only here. Change them in the identity provider.</p>
      ) : null}
      <div className={styles.toolbar}>
        <div className={styles.inline}>
          <div className={styles.field}>
            <label htmlFor="member-search" className={styles.label}>
              Search members
            </label>
            <input id="member-search" type="search" className={styles.input} value={search} onChange={(e) => setSearch(e.target.value)} />
          </div>
          <div className={styles.field}>
            <label htmlFor="member-active" className={styles.label}>
              Show
            </label>
            <select id="member-active" className={styles.input} value={active} onChange={(e) => setActive(e.target.value as ActiveFilter)}>
              <option value="all">All members</option>
              <option value="active">Active only</option>
              <option value="deactivated">Deactivated only</option>
            </select>
          </div>
        </div>
        {kind === 'STANDARD' ? (
          <MemberFormDialog
            title="Add a member"
            trigger={
              <button type="button" className={styles.button}>
                Add member
              </button>
            }
            initial={emptyMember}
            submitLabel="Add member"
            groupId={groupId}
            send={(values) => request(CreateMemberDocument, { input: createInput(groupId, values) })}
          />
        ) : null}
      </div>
      {members.error ? <ErrorMessage error={members.error} title="The members could not be loaded." /> : null}
      {!list ? (
        members.isPending ? (
          <Loading what="members" />
        ) : null
      ) : list.edges.length === 0 ? (
        <Empty>
          {settled || active !== 'all'
            ? 'No member matches this search.'
            : kind === 'SCIM'
              ? 'No members yet. Assign the application to people in the identity provider; they appear here as it sends them.'
              : 'No members yet. Add member adds the first one.'}
        </Empty>
      ) : (
        <>
          <TableBox label="Members">
            <table className={styles.table}>
              <caption className={styles.srOnly}>Members</caption>
              <thead>
                <tr>
                  <th scope="col">userName</th>
                  <th scope="col">Name</th>
                  <th scope="col">Emails</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last change</th>
                </tr>
              </thead>
              <tbody>
                {list.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <td>
                      <Link to={`/groups/${groupId}/members/${node.id}`}>{node.userName}</Link>
                    </td>
                    <td>{personName(node) || <span className={styles.muted}>—</span>}</td>
                    <td>{node.emails.map((e) => e.value).join(', ') || <span className={styles.muted}>—</span>}</td>
                    <td>
                      <ActiveBadge active={node.active} />
                    </td>
                    <td>{formatTime(node.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
          <Pager
            page={pages.page}
            total={plural(list.totalCount, 'member')}
            hasNextPage={list.pageInfo.hasNextPage}
            endCursor={list.pageInfo.endCursor}
            next={pages.next}
            previous={pages.previous}
          />
        </>
      )}
    </>
  );
}

import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/api-error';
import { request } from '../../api/graphql-client';
import {
  AddTeamMembersDocument,
  DeleteTeamDocument,
  RemoveTeamMembersDocument,
  RenameTeamDocument,
  TeamCandidatesDocument,
  TeamDocument,
} from '../../gql/graphql';
import { formatTime, personName, plural } from '../../lib/format';
import { ActiveBadge } from '../../ui/badges';
import { Pager } from '../../ui/pager';
import { Empty, ErrorMessage, Loading } from '../../ui/states';
import { TableBox } from '../../ui/table-box';
import { useCursorPages, useDebouncedValue } from '../../ui/use-cursor-pages';
import styles from '../../ui/ui.module.css';
import groupStyles from '../group/group.module.css';

const pageSize = 25;

/**
 * A team and its members. SCIM groups' teams are the identity provider's (read-only here); in a
 * STANDARD group the admin renames it, deletes it, and adds or removes members of the group.
 */
export function TeamPage() {
  const { groupId = '', teamId = '' } = useParams();
  const pages = useCursorPages('');
  const team = useQuery({
    queryKey: ['group', groupId, 'team', teamId, pages.after],
    queryFn: () => request(TeamDocument, { id: teamId, first: pageSize, after: pages.after }).then((data) => data.team),
    placeholderData: keepPreviousData,
  });
  if (team.error) return <ErrorMessage error={team.error} title="The team could not be loaded." />;
  if (team.isPending) return <Loading what="the team" />;
  const t = team.data;
  if (!t || t.group.id !== groupId) {
    return (
      <Empty>
        There is no such team in this group (it may have been deleted). <Link to={`/groups/${groupId}/teams`}>Back to the teams</Link>
      </Empty>
    );
  }
  const editable = t.group.kind === 'STANDARD';
  return (
    <>
      <p className={groupStyles.breadcrumb}>
        <Link to="/groups">Groups</Link> › <Link to={`/groups/${t.group.id}/teams`}>{t.group.name}</Link> › {t.displayName}
      </p>
      <div className={groupStyles.heading}>
        <h1>{t.displayName}</h1>
        <span>{plural(t.memberCount, 'member')}</span>
      </div>
      <p className={styles.hint}>
        {t.externalId ? `External id ${t.externalId} · ` : ''}Last change {formatTime(t.updatedAt)}
      </p>
      {editable ? (
        <AddMembers groupId={t.group.id} teamId={t.id} />
      ) : (
        <p className={styles.notice}>The identity provider manages this team (a group it pushed): it is read-only here.</p>
      )}
      {t.members.edges.length === 0 ? (
        <Empty>No members in this team yet.</Empty>
      ) : (
        <>
          <TableBox label="Team members">
            <table className={styles.table}>
              <caption className={styles.srOnly}>Team members</caption>
              <thead>
                <tr>
                  <th scope="col">userName</th>
                  <th scope="col">Name</th>
                  <th scope="col">Status</th>
                  {editable ? (
                    <th scope="col">
                      <span className={styles.srOnly}>Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {t.members.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <td>
                      <Link to={`/groups/${t.group.id}/members/${node.id}`}>{node.userName}</Link>
                    </td>
                    <td>{personName(node) || <span className={styles.muted}>—</span>}</td>
                    <td>
                      <ActiveBadge active={node.active} />
                    </td>
                    {editable ? (
                      <td>
                        <RemoveMember groupId={t.group.id} teamId={t.id} member={node} />
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
          <Pager
            page={pages.page}
            total={plural(t.members.totalCount, 'member')}
            hasNextPage={t.members.pageInfo.hasNextPage}
            endCursor={t.members.pageInfo.endCursor}
            next={pages.next}
            previous={pages.previous}
          />
        </>
      )}
      {editable ? <TeamSettings team={t} /> : null}
    </>
  );
}

/** Finds members of the group by part of their name and adds one at a time. */
function AddMembers({ groupId, teamId }: { groupId: string; teamId: string }) {
  const [search, setSearch] = useState('');
  const settled = useDebouncedValue(search.trim());
  const queryClient = useQueryClient();
  const candidates = useQuery({
    queryKey: ['group', groupId, 'team-candidates', settled],
    queryFn: () => request(TeamCandidatesDocument, { groupId, search: settled }).then((data) => data.group?.members.edges.map((e) => e.node) ?? []),
    enabled: settled !== '',
  });
  const add = useMutation({
    mutationFn: (memberId: string) => request(AddTeamMembersDocument, { input: { teamId, memberIds: [memberId] } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['group', groupId] }),
  });
  return (
    <section className={styles.section} aria-labelledby="add-members-title">
      <h2 id="add-members-title" className={styles.sectionTitle}>
        Add members
      </h2>
      <div className={styles.field}>
        <label htmlFor="team-candidate-search" className={styles.label}>
          Find a member of the group
        </label>
        <input id="team-candidate-search" type="search" className={styles.input} value={search} onChange={(e) => setSearch(e.target.value)} />
        <span className={styles.hint}>By userName, name or email.</span>
      </div>
      {add.error ? <ErrorMessage error={add.error} title="Not added." /> : null}
      {candidates.error ? <ErrorMessage error={candidates.error} title="The search failed." /> : null}
      {settled !== '' && candidates.data ? (
        candidates.data.length === 0 ? (
          <p className={styles.muted}>No member of the group matches “{settled}”.</p>
        ) : (
          <ul aria-label="Matching members">
            {candidates.data.map((member) => {
              const inTeam = member.teams.some((team) => team.id === teamId);
              return (
                <li key={member.id}>
                  {member.userName}{' '}
                  {inTeam ? (
                    <span className={styles.hint}>(in the team)</span>
                  ) : (
                    <button type="button" className={styles.linkButton} disabled={add.isPending} onClick={() => add.mutate(member.id)}>
                      Add {member.userName}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
        )
      ) : null}
    </section>
  );
}

function RemoveMember({ groupId, teamId, member }: { groupId: string; teamId: string; member: { id: string; userName: string } }) {
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => request(RemoveTeamMembersDocument, { input: { teamId, memberIds: [member.id] } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['group', groupId] }),
  });
  return (
    <>
      <button
        type="button"
        className={styles.secondary}
        disabled={remove.isPending}
        aria-label={`Remove ${member.userName} from the team`}
        onClick={() => remove.mutate()}
      >
        Remove
      </button>
      {remove.error ? <ErrorMessage error={remove.error} title="Not removed." /> : null}
    </>
  );
}

function TeamSettings({ team }: { team: { id: string; displayName: string; version: number; group: { id: string } } }) {
  const [name, setName] = useState(team.displayName);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const rename = useMutation({
    mutationFn: (displayName: string) => request(RenameTeamDocument, { input: { id: team.id, displayName, expectedVersion: team.version } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['group', team.group.id] }),
  });
  const remove = useMutation({
    mutationFn: () => request(DeleteTeamDocument, { input: { id: team.id, expectedVersion: team.version } }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: ['group', team.group.id] });
      void navigate(`/groups/${team.group.id}/teams`, { replace: true });
    },
  });
  const fieldError = name.trim() === '' ? 'Give the team a name.' : rename.error instanceof ApiError ? rename.error.byField().fields.displayName : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() !== '') rename.mutate(name.trim());
  };
  return (
    <section className={styles.section} aria-labelledby="team-settings-title">
      <h2 id="team-settings-title" className={styles.sectionTitle}>
        Team settings
      </h2>
      <form onSubmit={submit} noValidate>
        <div className={styles.field}>
          <label htmlFor="team-name" className={styles.label}>
            Team name
          </label>
          <input
            id="team-name"
            className={styles.input}
            value={name}
            aria-invalid={Boolean(fieldError)}
            aria-describedby="team-name-note"
            onChange={(e) => {
              setName(e.target.value);
              rename.reset();
            }}
          />
          <span id="team-name-note" className={fieldError ? styles.fieldError : styles.hint} aria-live="polite">
            {fieldError ?? (rename.isSuccess ? 'Renamed.' : 'Unique in the group.')}
          </span>
        </div>
        {rename.error && !fieldError ? <ErrorMessage error={rename.error} title="Not renamed." /> : null}
        <button type="submit" className={styles.button} disabled={rename.isPending || name.trim() === team.displayName}>
          Rename team
        </button>
      </form>
      <AlertDialog.Root onOpenChange={() => remove.reset()}>
        <AlertDialog.Trigger asChild>
          <button type="button" className={styles.danger}>
            Delete team
          </button>
        </AlertDialog.Trigger>
        <AlertDialog.Portal>
          <AlertDialog.Overlay className={styles.overlay} />
          <AlertDialog.Content className={styles.dialog}>
            <AlertDialog.Title className={styles.dialogTitle}>Delete the team “{team.displayName}”?</AlertDialog.Title>
            <AlertDialog.Description>Its members stay in the group.</AlertDialog.Description>
            {remove.error ? <ErrorMessage error={remove.error} title="Not deleted." /> : null}
            <div className={styles.dialogActions}>
              <AlertDialog.Cancel asChild>
                <button type="button" className={styles.secondary}>
                  Cancel
                </button>
              </AlertDialog.Cancel>
              <button type="button" className={styles.danger} disabled={remove.isPending} onClick={() => remove.mutate()}>
                Delete team
              </button>
            </div>
          </AlertDialog.Content>
        </AlertDialog.Portal>
      </AlertDialog.Root>
    </section>
  );
}

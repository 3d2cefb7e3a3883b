import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/api-error';
import { request } from '../../api/graphql-client';
import { CreateTeamDocument, GroupTeamsDocument, type GroupKind } from '../../gql/graphql';
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
  const newTeam = kind === 'STANDARD' ? <NewTeamForm groupId={groupId} /> : null;
  if (teams.error) return <ErrorMessage error={teams.error} title="The teams could not be loaded." />;
  if (!teams.data) return <Loading what="teams" />;
  if (teams.data.edges.length === 0) {
    return (
      <>
        {newTeam}
        <Empty>
          {kind === 'SCIM'
            ? 'No teams yet. Teams are the groups the identity provider pushes (Okta: Push Groups; Entra ID: assigned groups with group provisioning on).'
            : 'No teams yet. Name one above to create it, then add members to it.'}
        </Empty>
      </>
    );
  }
  return (
    <>
      {newTeam}
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
                <td>
                  <Link to={`/groups/${groupId}/teams/${node.id}`}>{node.displayName}</Link>
                </td>
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

/** A new team in a STANDARD group; a taken name is shown on the field. */
function NewTeamForm({ groupId }: { groupId: string }) {
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (displayName: string) => request(CreateTeamDocument, { input: { groupId, displayName } }),
    onSuccess: async ({ createTeam: { team } }) => {
      await queryClient.invalidateQueries({ queryKey: ['group', groupId] });
      void navigate(`/groups/${groupId}/teams/${team.id}`);
    },
  });
  const fieldError = problem ?? (create.error instanceof ApiError ? create.error.byField().fields.displayName : undefined) ?? null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    setProblem(trimmed === '' ? 'Give the team a name.' : null);
    if (trimmed !== '') create.mutate(trimmed);
  };
  return (
    <form onSubmit={submit} noValidate className={styles.toolbar}>
      <div className={styles.field}>
        <label htmlFor="new-team-name" className={styles.label}>
          New team
        </label>
        <div className={styles.inline}>
          <input
            id="new-team-name"
            className={styles.input}
            value={name}
            aria-invalid={fieldError !== null}
            aria-describedby={fieldError ? 'new-team-error' : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setProblem(null);
              create.reset();
            }}
          />
          <button type="submit" className={styles.button} disabled={create.isPending}>
            Create team
          </button>
        </div>
        {fieldError ? (
          <span id="new-team-error" className={styles.fieldError}>
            {fieldError}
          </span>
        ) : null}
      </div>
      {create.error && !fieldError ? <ErrorMessage error={create.error} title="The team was not created." /> : null}
    </form>
  );
}

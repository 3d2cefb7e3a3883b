import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/api-error';
import { request } from '../../api/graphql-client';
import { DeleteGroupDocument, RenameGroupDocument } from '../../gql/graphql';
import { ErrorMessage } from '../../ui/states';
import styles from '../../ui/ui.module.css';

/** Rename the group; delete it only after typing its name. */
export function SettingsTab({ group }: { group: { id: string; name: string; kind: string } }) {
  return (
    <>
      <RenameForm group={group} />
      <DeleteForm group={group} />
    </>
  );
}

function RenameForm({ group }: { group: { id: string; name: string } }) {
  const [name, setName] = useState(group.name);
  const [problem, setProblem] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const rename = useMutation({
    mutationFn: (newName: string) => request(RenameGroupDocument, { input: { id: group.id, name: newName } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['group', group.id] });
      await queryClient.invalidateQueries({ queryKey: ['groups'] });
    },
  });
  const fieldError = problem ?? (rename.error instanceof ApiError ? rename.error.byField().fields.name : undefined) ?? null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    const found = trimmed === '' ? 'Give the group a name.' : trimmed.length > 200 ? 'At most 200 characters.' : null;
    setProblem(found);
    if (!found) rename.mutate(trimmed);
  };
  return (
    <section className={styles.section} aria-labelledby="rename-title">
      <h2 id="rename-title" className={styles.sectionTitle}>
        Rename
      </h2>
      <form onSubmit={submit} noValidate>
        <div className={styles.field}>
          <label htmlFor="rename-name" className={styles.label}>
            Group name
          </label>
          <input
            id="rename-name"
            className={styles.input}
            value={name}
            aria-invalid={fieldError !== null}
            aria-describedby="rename-note"
            onChange={(e) => {
              setName(e.target.value);
              setProblem(null);
              rename.reset();
            }}
          />
          <span id="rename-note" className={fieldError ? styles.fieldError : styles.hint} aria-live="polite">
            {fieldError ?? (rename.isSuccess ? 'Renamed.' : 'Unique in your organization. The SCIM URL does not change.')}
          </span>
        </div>
        {rename.error && !fieldError ? <ErrorMessage error={rename.error} title="The group was not renamed." /> : null}
        <button type="submit" className={styles.button} disabled={rename.isPending || name.trim() === group.name}>
          Rename
        </button>
      </form>
    </section>
  );
}

function DeleteForm({ group }: { group: { id: string; name: string; kind: string } }) {
  const [typed, setTyped] = useState('');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => request(DeleteGroupDocument, { input: { id: group.id } }),
    onSuccess: () => {
      // Forgotten, not just marked stale: the list must not show the deleted group while it reloads.
      queryClient.removeQueries({ queryKey: ['group', group.id] });
      queryClient.removeQueries({ queryKey: ['groups'] });
      void navigate('/groups', { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (typed === group.name) remove.mutate();
  };
  return (
    <section className={styles.section} aria-labelledby="delete-title">
      <h2 id="delete-title" className={styles.sectionTitle}>
        Delete this group
      </h2>
      <p className={styles.warning}>
        Deleting “{group.name}” removes its members, teams{group.kind === 'SCIM' ? ' and SCIM tokens: the identity provider’s next request is refused' : ''}. It
        cannot be undone.
      </p>
      <form onSubmit={submit} noValidate>
        <div className={styles.field}>
          <label htmlFor="delete-confirm" className={styles.label}>
            Type the group’s name, {group.name}, to confirm
          </label>
          <input id="delete-confirm" className={styles.input} value={typed} autoComplete="off" onChange={(e) => setTyped(e.target.value)} />
        </div>
        {remove.error ? <ErrorMessage error={remove.error} title="The group was not deleted." /> : null}
        <button type="submit" className={styles.danger} disabled={typed !== group.name || remove.isPending}>
          Delete group
        </button>
      </form>
    </section>
  );
}

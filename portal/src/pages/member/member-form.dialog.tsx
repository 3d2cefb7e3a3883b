import * as Dialog from '@radix-ui/react-dialog';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/api-error';
import { memberFieldLabels, memberFields, validateMember, formFieldOf, type MemberField, type MemberFormValues } from '../../lib/member-form';
import { ErrorMessage } from '../../ui/states';
import styles from '../../ui/ui.module.css';

/**
 * Add or edit a member of a STANDARD group: each problem, the browser's or the server's (a taken
 * userName, a too long value), shown on its field.
 */
export function MemberFormDialog(props: {
  title: string;
  trigger: ReactNode;
  initial: MemberFormValues;
  submitLabel: string;
  groupId: string;
  send: (values: MemberFormValues) => Promise<unknown>;
  onDone?: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(props.initial);
  const [problems, setProblems] = useState<Partial<Record<MemberField, string>>>({});
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: props.send,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['group', props.groupId] });
      await queryClient.invalidateQueries({ queryKey: ['member'] });
      setOpen(false);
      props.onDone?.();
    },
  });
  const server = save.error instanceof ApiError ? save.error.byField() : { fields: {}, general: [] };
  const serverOnFields: Partial<Record<MemberField, string>> = {};
  const unplaced: string[] = [...server.general];
  for (const [field, message] of Object.entries(server.fields)) {
    const own = formFieldOf(field);
    if (own) serverOnFields[own] ??= message;
    else unplaced.push(`${field}: ${message}`);
  }
  const problemOf = (field: MemberField) => problems[field] ?? serverOnFields[field];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateMember(values);
    setProblems(found);
    if (Object.keys(found).length === 0) save.mutate(values);
  };
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(isOpen) => {
        setOpen(isOpen);
        setValues(props.initial);
        setProblems({});
        save.reset();
      }}
    >
      <Dialog.Trigger asChild>{props.trigger}</Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className={styles.overlay} />
        <Dialog.Content className={styles.dialog} aria-describedby={undefined}>
          <Dialog.Title className={styles.dialogTitle}>{props.title}</Dialog.Title>
          <form onSubmit={submit} noValidate>
            {memberFields.map((field) => {
              const problem = problemOf(field);
              return (
                <div className={styles.field} key={field}>
                  <label htmlFor={`member-${field}`} className={styles.label}>
                    {memberFieldLabels[field]}
                    {field === 'userName' ? ' (required)' : ''}
                  </label>
                  <input
                    id={`member-${field}`}
                    className={styles.input}
                    type={field === 'email' ? 'email' : 'text'}
                    value={values[field]}
                    aria-invalid={Boolean(problem)}
                    aria-describedby={problem ? `member-${field}-error` : undefined}
                    onChange={(e) => setValues({ ...values, [field]: e.target.value })}
                  />
                  {problem ? (
                    <span id={`member-${field}-error`} className={styles.fieldError}>
                      {problem}
                    </span>
                  ) : null}
                </div>
              );
            })}
            {save.error && unplaced.length > 0 ? <ErrorMessage error={save.error} title="Not saved." /> : null}
            <div className={styles.dialogActions}>
              <Dialog.Close asChild>
                <button type="button" className={styles.secondary}>
                  Cancel
                </button>
              </Dialog.Close>
              <button type="submit" className={styles.button} disabled={save.isPending}>
                {save.isPending ? 'Saving…' : props.submitLabel}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

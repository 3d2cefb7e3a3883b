import * as Dialog from '@radix-ui/react-dialog';
import * as RadioGroup from '@radix-ui/react-radio-group';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/api-error';
import { request } from '../../api/graphql-client';
import { CreateGroupDocument, type GroupKind, type OrganizationPlan } from '../../gql/graphql';
import { ErrorMessage } from '../../ui/states';
import styles from '../../ui/ui.module.css';

/** The longest group name the API takes (CreateGroupInput.name). */
const maxNameLength = 200;

/**
 * Add New: the group's type first (SCIM Integration only where the plan has SCIM; otherwise shown
 * disabled with the reason), then its name. A taken name is shown on the name field.
 */
export function AddGroupDialog({ scimAvailable, plan }: { scimAvailable: boolean; plan: OrganizationPlan }) {
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<'type' | 'name'>('type');
  const [kind, setKind] = useState<GroupKind | ''>('');
  const [name, setName] = useState('');
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: (input: { kind: GroupKind; name: string }) => request(CreateGroupDocument, { input }),
    onSuccess: async ({ createGroup: { group } }) => {
      await queryClient.invalidateQueries({ queryKey: ['groups'] });
      setOpen(false);
      void navigate(`/groups/${group.id}/${group.kind === 'SCIM' ? 'scim' : 'members'}`);
    },
  });
  const serverFieldError = create.error instanceof ApiError ? create.error.byField().fields.name : undefined;
  const shownNameError = nameProblem ?? serverFieldError ?? null;

  const reset = (isOpen: boolean) => {
    setOpen(isOpen);
    setStep('type');
    setKind('');
    setName('');
    setNameProblem(null);
    create.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (step === 'type') {
      if (kind !== '') setStep('name');
      return;
    }
    const trimmed = name.trim();
    const found =
      trimmed === '' ? 'Give the group a name.' : trimmed.length > maxNameLength ? `At most ${maxNameLength} characters (this is ${trimmed.length}).` : null;
    setNameProblem(found);
    if (!found && kind !== '') create.mutate({ kind, name: trimmed });
  };

  return (
    <Dialog.Root open={open} onOpenChange={reset}>
      <Dialog.Trigger asChild>
        <button type="button" className={styles.button}>
          Add New
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className={styles.overlay} />
        <Dialog.Content className={styles.dialog} aria-describedby={undefined}>
          <Dialog.Title className={styles.dialogTitle}>{step === 'type' ? 'Add a group: choose its type' : 'Add a group: name it'}</Dialog.Title>
          <form onSubmit={submit} noValidate>
            {step === 'type' ? (
              <RadioGroup.Root aria-label="Group type" value={kind} onValueChange={(value) => setKind(value as GroupKind)}>
                <div className={styles.choice}>
                  <RadioGroup.Item value="SCIM" id="kind-scim" className={styles.radio} disabled={!scimAvailable} aria-describedby="kind-scim-hint">
                    <RadioGroup.Indicator className={styles.radioDot} />
                  </RadioGroup.Item>
                  <label htmlFor="kind-scim" className={styles.label}>
                    SCIM Integration
                  </label>
                  <span />
                  <span id="kind-scim-hint" className={styles.hint}>
                    {scimAvailable
                      ? 'Your identity provider (Okta, Entra ID, OneLogin, JumpCloud, …) creates, updates and removes the members.'
                      : `Not available on the ${plan} plan: SCIM needs the Pro plan. Ask your organization’s owner to upgrade.`}
                  </span>
                </div>
                <div className={styles.choice}>
                  <RadioGroup.Item value="STANDARD" id="kind-standard" className={styles.radio} aria-describedby="kind-standard-hint">
                    <RadioGroup.Indicator className={styles.radioDot} />
                  </RadioGroup.Item>
                  <label htmlFor="kind-standard" className={styles.label}>
                    Standard
                  </label>
                  <span />
                  <span id="kind-standard-hint" className={styles.hint}>
                    You add and edit the members here.
                  </span>
                </div>
              </RadioGroup.Root>
            ) : (
              <div className={styles.field}>
                <label htmlFor="group-name" className={styles.label}>
                  Group name
                </label>
                <input
                  id="group-name"
                  className={styles.input}
                  value={name}
                  autoFocus
                  aria-invalid={shownNameError !== null}
                  aria-describedby={shownNameError ? 'group-name-error' : 'group-name-hint'}
                  onChange={(e) => {
                    setName(e.target.value);
                    setNameProblem(null);
                  }}
                />
                {shownNameError ? (
                  <span id="group-name-error" className={styles.fieldError}>
                    {shownNameError}
                  </span>
                ) : (
                  <span id="group-name-hint" className={styles.hint}>
                    {kind === 'SCIM' ? 'A SCIM Integration group, e.g. “Staff”.' : 'A Standard group, e.g. “Visitors”.'} Unique in your organization.
                  </span>
                )}
              </div>
            )}
            {create.error && !serverFieldError ? <ErrorMessage error={create.error} title="The group was not created." /> : null}
            <div className={styles.dialogActions}>
              <Dialog.Close asChild>
                <button type="button" className={styles.secondary}>
                  Cancel
                </button>
              </Dialog.Close>
              {step === 'name' ? (
                <button type="button" className={styles.secondary} onClick={() => setStep('type')}>
                  Back
                </button>
              ) : null}
              <button type="submit" className={styles.button} disabled={(step === 'type' && kind === '') || create.isPending}>
                {step === 'type' ? 'Next' : create.isPending ? 'Creating…' : 'Create group'}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

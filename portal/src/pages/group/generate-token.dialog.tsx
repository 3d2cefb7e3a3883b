import * as Dialog from '@radix-ui/react-dialog';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { request } from '../../api/graphql-client';
import { CreateScimTokenDocument } from '../../gql/graphql';
import type { ScimClientName } from '../../lib/scim-health';
import { parseExpiry, suggestTokenName } from '../../lib/scim-tokens';
import { CopyButton } from '../../ui/copy-button';
import { ErrorMessage } from '../../ui/states';
import styles from '../../ui/ui.module.css';

/** The longest token name the API takes. */
const maxNameLength = 100;

/**
 * Generate SCIM Token: a name (suggested after the identity provider seen) and an optional expiry,
 * then the token itself, shown this once. It lives only in this dialog's state: closing the dialog
 * forgets it, and nothing writes it to storage.
 */
export function GenerateTokenDialog({ groupId, client, activeNames }: { groupId: string; client: ScimClientName | null; activeNames: string[] }) {
  const [open, setOpen] = useState(false);
  const tokenField = useRef<HTMLInputElement>(null);
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState('');
  const [problems, setProblems] = useState<{ name?: string; expiry?: string }>({});
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (input: { groupId: string; name: string; expiresAt: string | null }) => request(CreateScimTokenDocument, { input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['group', groupId] }),
  });
  const serverFields = create.error instanceof ApiError ? create.error.byField().fields : {};
  const nameError = problems.name ?? serverFields.name;
  const expiryError = problems.expiry ?? serverFields.expiresAt;
  const created = create.data?.createScimToken;

  const onOpenChange = (isOpen: boolean) => {
    setOpen(isOpen);
    setName(isOpen ? suggestTokenName(client, activeNames) : '');
    setExpiry('');
    setProblems({});
    // Forget the token as the dialog closes.
    create.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    const parsed = parseExpiry(expiry);
    const found = {
      ...(trimmed === ''
        ? { name: 'Give the token a name, e.g. “Okta”.' }
        : trimmed.length > maxNameLength
          ? { name: `At most ${maxNameLength} characters.` }
          : {}),
      ...('error' in parsed ? { expiry: parsed.error } : {}),
    };
    setProblems(found);
    if (Object.keys(found).length === 0 && 'expiresAt' in parsed) create.mutate({ groupId, name: trimmed, expiresAt: parsed.expiresAt });
  };

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>
        <button type="button" className={styles.button}>
          Generate SCIM Token
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className={styles.overlay} />
        <Dialog.Content className={styles.dialog} aria-describedby={undefined}>
          {created ? (
            <>
              <Dialog.Title className={styles.dialogTitle}>Your new SCIM token “{created.scimToken.name}”</Dialog.Title>
              <div className={styles.warning} role="note">
                Copy it now: this is the only time it is shown. Roster keeps no copy and cannot show it again. Paste it into the identity provider’s “API Token”
                (Okta) or “Secret Token” (Entra ID). If it is lost, generate another and revoke this one.
              </div>
              <div className={styles.field}>
                <label htmlFor="new-token" className={styles.label}>
                  SCIM token
                </label>
                <div className={styles.inline}>
                  <input
                    id="new-token"
                    ref={tokenField}
                    className={styles.input}
                    readOnly
                    value={created.token}
                    onFocus={(e) => e.target.select()}
                    autoComplete="off"
                  />
                  <CopyButton text={created.token} label="Copy SCIM token" onCopyFailed={() => tokenField.current?.select()} />
                </div>
              </div>
              <div className={styles.dialogActions}>
                <Dialog.Close asChild>
                  <button type="button" className={styles.button}>
                    Done, I have copied it
                  </button>
                </Dialog.Close>
              </div>
            </>
          ) : (
            <form onSubmit={submit} noValidate>
              <Dialog.Title className={styles.dialogTitle}>Generate SCIM Token</Dialog.Title>
              <div className={styles.field}>
                <label htmlFor="token-name" className={styles.label}>
                  Token name
                </label>
                <input
                  id="token-name"
                  className={styles.input}
                  value={name}
                  aria-invalid={Boolean(nameError)}
                  aria-describedby="token-name-note"
                  onChange={(e) => setName(e.target.value)}
                />
                <span id="token-name-note" className={nameError ? styles.fieldError : styles.hint}>
                  {nameError ?? 'To tell tokens apart, e.g. the identity provider it is for. Unique among this group’s active tokens.'}
                </span>
              </div>
              <div className={styles.field}>
                <label htmlFor="token-expiry" className={styles.label}>
                  Expires on (optional)
                </label>
                <input
                  id="token-expiry"
                  type="date"
                  className={styles.input}
                  value={expiry}
                  aria-invalid={Boolean(expiryError)}
                  aria-describedby="token-expiry-note"
                  onChange={(e) => setExpiry(e.target.value)}
                />
                <span id="token-expiry-note" className={expiryError ? styles.fieldError : styles.hint}>
                  {expiryError ?? 'The token stops working at the end of that day (UTC). Leave empty for never.'}
                </span>
              </div>
              {create.error && !serverFields.name && !serverFields.expiresAt ? <ErrorMessage error={create.error} title="No token was generated." /> : null}
              <div className={styles.dialogActions}>
                <Dialog.Close asChild>
                  <button type="button" className={styles.secondary}>
                    Cancel
                  </button>
                </Dialog.Close>
                <button type="submit" className={styles.button} disabled={create.isPending}>
                  {create.isPending ? 'Generating…' : 'Generate'}
                </button>
              </div>
            </form>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

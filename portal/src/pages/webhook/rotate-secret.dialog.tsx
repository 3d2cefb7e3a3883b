import * as Dialog from '@radix-ui/react-dialog';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { request } from '../../api/graphql-client';
import { RotateWebhookSecretDocument } from '../../gql/graphql';
import { formatTime } from '../../lib/format';
import { maxOverlapHours, parseOverlapHours } from '../../lib/webhooks';
import { ErrorMessage } from '../../ui/states';
import styles from '../../ui/ui.module.css';
import { SecretOnce } from '../webhooks/secret-once';

/**
 * Rotate secret: how long the old secret goes on signing beside the new one (so the receiver can
 * switch without missing a message), then the new secret, shown this once.
 */
export function RotateSecretDialog({ endpointId }: { endpointId: string }) {
  const [open, setOpen] = useState(false);
  const [overlap, setOverlap] = useState('24');
  const [problem, setProblem] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const rotate = useMutation({
    mutationFn: (overlapHours: number) => request(RotateWebhookSecretDocument, { input: { id: endpointId, overlapHours } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhook', endpointId] }),
  });
  const fieldError = problem ?? (rotate.error instanceof ApiError ? rotate.error.byField().fields.overlapHours : undefined) ?? null;
  const rotated = rotate.data?.rotateWebhookSecret;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseOverlapHours(overlap);
    setProblem('error' in parsed ? parsed.error : null);
    if ('hours' in parsed) rotate.mutate(parsed.hours);
  };
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(isOpen) => {
        setOpen(isOpen);
        setOverlap('24');
        setProblem(null);
        // Forget the secret as the dialog closes.
        rotate.reset();
      }}
    >
      <Dialog.Trigger asChild>
        <button type="button" className={styles.secondary}>
          Rotate secret
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className={styles.overlay} />
        <Dialog.Content className={styles.dialog} aria-describedby={undefined}>
          {rotated ? (
            <SecretOnce
              title="The new signing secret"
              secret={rotated.secret}
              note={
                rotated.endpoint.previousSecretUntil
                  ? `The previous secret also signs until ${formatTime(rotated.endpoint.previousSecretUntil)}: give the receiver the new one before then.`
                  : 'The previous secret no longer signs: messages from now on are signed with this one only.'
              }
            />
          ) : (
            <form onSubmit={submit} noValidate>
              <Dialog.Title className={styles.dialogTitle}>Rotate the signing secret</Dialog.Title>
              <div className={styles.field}>
                <label htmlFor="rotate-overlap" className={styles.label}>
                  Overlap (hours)
                </label>
                <input
                  id="rotate-overlap"
                  className={styles.input}
                  inputMode="numeric"
                  value={overlap}
                  aria-invalid={fieldError !== null}
                  aria-describedby="rotate-overlap-note"
                  onChange={(e) => {
                    setOverlap(e.target.value);
                    setProblem(null);
                  }}
                />
                <span id="rotate-overlap-note" className={fieldError ? styles.fieldError : styles.hint}>
                  {fieldError ??
                    `How long the old secret goes on signing beside the new one (0 to ${maxOverlapHours}): every message carries both signatures meanwhile.`}
                </span>
              </div>
              {rotate.error && !fieldError ? <ErrorMessage error={rotate.error} title="The secret was not rotated." /> : null}
              <div className={styles.dialogActions}>
                <Dialog.Close asChild>
                  <button type="button" className={styles.secondary}>
                    Cancel
                  </button>
                </Dialog.Close>
                <button type="submit" className={styles.button} disabled={rotate.isPending}>
                  {rotate.isPending ? 'Rotating…' : 'Rotate secret'}
                </button>
              </div>
            </form>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { request } from '../../api/graphql-client';
import { DeleteWebhookEndpointDocument } from '../../gql/graphql';
import { ErrorMessage } from '../../ui/states';
import styles from '../../ui/ui.module.css';
import css from '../webhooks/webhooks.module.css';

/** Delete an endpoint, after asking: its deliveries go with it; then back to the list. */
export function DeleteEndpointDialog({ endpoint }: { endpoint: { id: string; url: string } }) {
  const [open, setOpen] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => request(DeleteWebhookEndpointDocument, { input: { id: endpoint.id } }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['webhooks'] });
      queryClient.removeQueries({ queryKey: ['webhook', endpoint.id] });
      void navigate('/webhooks', { replace: true });
    },
  });
  return (
    <AlertDialog.Root
      open={open}
      onOpenChange={(isOpen) => {
        setOpen(isOpen);
        remove.reset();
      }}
    >
      <AlertDialog.Trigger asChild>
        <button type="button" className={styles.danger}>
          Delete
        </button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={styles.overlay} />
        <AlertDialog.Content className={styles.dialog}>
          <AlertDialog.Title className={styles.dialogTitle}>Delete this endpoint?</AlertDialog.Title>
          <AlertDialog.Description className={css.url}>
            Nothing more is sent to {endpoint.url}, and its deliveries are deleted with it. This cannot be undone: to receive events there again, add it anew
            (with a new secret).
          </AlertDialog.Description>
          {remove.error ? <ErrorMessage error={remove.error} title="The endpoint was not deleted." /> : null}
          <div className={styles.dialogActions}>
            <AlertDialog.Cancel asChild>
              <button type="button" className={styles.secondary}>
                Cancel
              </button>
            </AlertDialog.Cancel>
            {/* Not AlertDialog.Action: that closes the dialog before the answer, hiding a failure. */}
            <button type="button" className={styles.danger} disabled={remove.isPending} onClick={() => remove.mutate()}>
              {remove.isPending ? 'Deleting…' : 'Delete endpoint'}
            </button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}

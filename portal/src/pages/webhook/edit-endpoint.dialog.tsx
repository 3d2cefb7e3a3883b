import * as Dialog from '@radix-ui/react-dialog';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { request } from '../../api/graphql-client';
import { UpdateWebhookEndpointDocument } from '../../gql/graphql';
import { endpointToForm, updateEndpointInput, validateEndpoint, type EndpointField } from '../../lib/webhook-form';
import { ErrorMessage } from '../../ui/states';
import styles from '../../ui/ui.module.css';
import { EndpointFields, serverProblems } from '../webhooks/endpoint-fields';
import type { Endpoint } from './endpoint.types';

/** Edit an endpoint's URL, description, filters and enabled, each problem shown on its field. */
export function EditEndpointDialog({ endpoint }: { endpoint: Endpoint }) {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(() => endpointToForm(endpoint));
  const [problems, setProblems] = useState<Partial<Record<EndpointField, string>>>({});
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: () => request(UpdateWebhookEndpointDocument, { input: updateEndpointInput(endpoint.id, values) }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['webhook', endpoint.id] });
      await queryClient.invalidateQueries({ queryKey: ['webhooks'] });
      setOpen(false);
    },
  });
  const server = serverProblems(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateEndpoint(values);
    setProblems(found);
    if (Object.keys(found).length === 0) save.mutate();
  };
  return (
    <Dialog.Root
      open={open}
      onOpenChange={(isOpen) => {
        setOpen(isOpen);
        setValues(endpointToForm(endpoint));
        setProblems({});
        save.reset();
      }}
    >
      <Dialog.Trigger asChild>
        <button type="button" className={styles.secondary}>
          Edit
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className={styles.overlay} />
        <Dialog.Content className={styles.dialog} aria-describedby={undefined}>
          <form onSubmit={submit} noValidate>
            <Dialog.Title className={styles.dialogTitle}>Edit the endpoint</Dialog.Title>
            <EndpointFields
              values={values}
              problems={{ ...server.onFields, ...problems }}
              onChange={(next) => {
                setValues(next);
                setProblems({});
                save.reset();
              }}
            />
            {server.unplaced ? <ErrorMessage error={save.error} title="The endpoint was not changed." /> : null}
            <div className={styles.dialogActions}>
              <Dialog.Close asChild>
                <button type="button" className={styles.secondary}>
                  Cancel
                </button>
              </Dialog.Close>
              <button type="submit" className={styles.button} disabled={save.isPending}>
                {save.isPending ? 'Saving…' : 'Save'}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

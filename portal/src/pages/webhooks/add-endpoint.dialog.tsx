import * as Dialog from '@radix-ui/react-dialog';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { request } from '../../api/graphql-client';
import { CreateWebhookEndpointDocument } from '../../gql/graphql';
import { createEndpointInput, emptyEndpoint, validateEndpoint, type EndpointField } from '../../lib/webhook-form';
import { ErrorMessage } from '../../ui/states';
import styles from '../../ui/ui.module.css';
import { EndpointFields, serverProblems } from './endpoint-fields';
import { SecretOnce } from './secret-once';

/**
 * Add endpoint: the form, then the endpoint's signing secret, shown this once. Problems, the form's
 * or the server's (an http URL where only https is allowed, a private address, an unknown group),
 * are shown on their fields.
 */
export function AddEndpointDialog() {
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState(emptyEndpoint);
  const [problems, setProblems] = useState<Partial<Record<EndpointField, string>>>({});
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () => request(CreateWebhookEndpointDocument, { input: createEndpointInput(values) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhooks'] }),
  });
  const server = serverProblems(create.error);
  const created = create.data?.createWebhookEndpoint;

  const onOpenChange = (isOpen: boolean) => {
    setOpen(isOpen);
    setValues(emptyEndpoint);
    setProblems({});
    // Forget the secret as the dialog closes.
    create.reset();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateEndpoint(values);
    setProblems(found);
    if (Object.keys(found).length === 0) create.mutate();
  };

  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Trigger asChild>
        <button type="button" className={styles.button}>
          Add endpoint
        </button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className={styles.overlay} />
        <Dialog.Content className={styles.dialog} aria-describedby={undefined}>
          {created ? (
            <>
              <SecretOnce title="Endpoint added: its signing secret" secret={created.secret} />
              <p className={styles.hint}>
                <Link to={`/webhooks/${created.endpoint.id}`} onClick={() => onOpenChange(false)}>
                  Open the endpoint
                </Link>{' '}
                to see its deliveries, send a test event or change it.
              </p>
            </>
          ) : (
            <form onSubmit={submit} noValidate>
              <Dialog.Title className={styles.dialogTitle}>Add a webhook endpoint</Dialog.Title>
              <EndpointFields
                values={values}
                problems={{ ...server.onFields, ...problems }}
                onChange={(next) => {
                  setValues(next);
                  setProblems({});
                  create.reset();
                }}
              />
              {server.unplaced ? <ErrorMessage error={create.error} title="The endpoint was not added." /> : null}
              <div className={styles.dialogActions}>
                <Dialog.Close asChild>
                  <button type="button" className={styles.secondary}>
                    Cancel
                  </button>
                </Dialog.Close>
                <button type="submit" className={styles.button} disabled={create.isPending}>
                  {create.isPending ? 'Adding…' : 'Add endpoint'}
                </button>
              </div>
            </form>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

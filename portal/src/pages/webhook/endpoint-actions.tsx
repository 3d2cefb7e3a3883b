import { useMutation, useQueryClient } from '@tanstack/react-query';
import { request } from '../../api/graphql-client';
import { SendTestWebhookEventDocument, UpdateWebhookEndpointDocument } from '../../gql/graphql';
import { ErrorMessage } from '../../ui/states';
import styles from '../../ui/ui.module.css';
import css from '../webhooks/webhooks.module.css';
import { DeleteEndpointDialog } from './delete-endpoint.dialog';
import { EditEndpointDialog } from './edit-endpoint.dialog';
import type { Endpoint } from './endpoint.types';
import { RotateSecretDialog } from './rotate-secret.dialog';

/** What an OWNER or ADMIN does with an endpoint: edit, enable or disable, send a test event, rotate the secret, delete. */
export function EndpointActions({ endpoint }: { endpoint: Endpoint }) {
  const queryClient = useQueryClient();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['webhook', endpoint.id] });
    await queryClient.invalidateQueries({ queryKey: ['webhooks'] });
  };
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => request(UpdateWebhookEndpointDocument, { input: { id: endpoint.id, enabled } }),
    onSuccess: refresh,
  });
  const test = useMutation({
    mutationFn: () => request(SendTestWebhookEventDocument, { input: { endpointId: endpoint.id } }),
    onSuccess: refresh,
  });
  return (
    <>
      <div className={css.actions} role="group" aria-label="Endpoint actions">
        <EditEndpointDialog endpoint={endpoint} />
        <button
          type="button"
          className={styles.secondary}
          disabled={toggle.isPending}
          onClick={() => {
            test.reset();
            toggle.mutate(!endpoint.enabled);
          }}
        >
          {endpoint.enabled ? 'Disable' : 'Enable'}
        </button>
        <button
          type="button"
          className={styles.secondary}
          disabled={test.isPending}
          onClick={() => {
            toggle.reset();
            test.mutate();
          }}
        >
          {test.isPending ? 'Sending…' : 'Send test event'}
        </button>
        <RotateSecretDialog endpointId={endpoint.id} />
        <DeleteEndpointDialog endpoint={endpoint} />
      </div>
      <div aria-live="polite">
        {test.isSuccess ? (
          <p className={styles.notice}>
            Test event queued as the next message (a <code>webhook.test</code> delivery, listed below with the oldest): the receiver checks its signature like
            any other.
          </p>
        ) : null}
      </div>
      {toggle.error ? (
        <ErrorMessage error={toggle.error} title={endpoint.enabled ? 'The endpoint was not disabled.' : 'The endpoint was not enabled.'} />
      ) : null}
      {test.error ? <ErrorMessage error={test.error} title="No test event was sent." /> : null}
    </>
  );
}

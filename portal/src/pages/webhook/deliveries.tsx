import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { request } from '../../api/graphql-client';
import { ReplayWebhookDeliveryDocument, WebhookDeliveriesDocument, type WebhookDeliveryStatus } from '../../gql/graphql';
import { plural } from '../../lib/format';
import { deliveryStatusLabels } from '../../lib/webhooks';
import { Pager } from '../../ui/pager';
import { Empty, ErrorMessage, Loading } from '../../ui/states';
import { TableBox } from '../../ui/table-box';
import { useCursorPages } from '../../ui/use-cursor-pages';
import styles from '../../ui/ui.module.css';
import { DeliveryRow } from './delivery-row';
import { ReplaySinceForm } from './replay-since.form';

const pageSize = 25;
const statuses = Object.keys(deliveryStatusLabels) as WebhookDeliveryStatus[];

/**
 * The endpoint's deliveries, newest event first (as the API orders them), filtered by status, each
 * with its attempts; Replay for one, Replay since for many. It asks again every 3 s while shown:
 * the worker sends within a second or two of a change.
 */
export function Deliveries({ endpointId, writer }: { endpointId: string; writer: boolean }) {
  const [status, setStatus] = useState<WebhookDeliveryStatus | ''>('');
  const pages = useCursorPages(status);
  const queryClient = useQueryClient();
  const deliveries = useQuery({
    queryKey: ['webhook', endpointId, 'deliveries', status, pages.after],
    queryFn: () =>
      request(WebhookDeliveriesDocument, { id: endpointId, first: pageSize, after: pages.after, status: status || null }).then(
        (data) => data.viewer.organization.webhookEndpoint?.deliveries ?? null,
      ),
    placeholderData: keepPreviousData,
    refetchInterval: 3_000,
  });
  const replay = useMutation({
    mutationFn: (id: string) =>
      request(ReplayWebhookDeliveryDocument, { input: { id } }).then((data) => ({ replayed: id, as: data.replayWebhookDelivery.delivery.id })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhook', endpointId, 'deliveries'] }),
  });
  const list = deliveries.data;
  return (
    <section className={styles.section} aria-labelledby="deliveries-title">
      <h2 id="deliveries-title" className={styles.sectionTitle}>
        Deliveries
      </h2>
      <div className={styles.toolbar}>
        <div className={styles.field}>
          <label htmlFor="delivery-status" className={styles.label}>
            Status
          </label>
          <select id="delivery-status" className={styles.input} value={status} onChange={(e) => setStatus(e.target.value as WebhookDeliveryStatus | '')}>
            <option value="">Any status</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {deliveryStatusLabels[s]}
              </option>
            ))}
          </select>
        </div>
        {writer ? <ReplaySinceForm endpointId={endpointId} /> : null}
      </div>
      <div aria-live="polite">
        {replay.data ? (
          <p className={styles.notice}>
            Replayed <code>{replay.data.replayed}</code>: its message is queued again as <code>{replay.data.as}</code>, next in line.
          </p>
        ) : null}
      </div>
      {replay.error ? <ErrorMessage error={replay.error} title="The delivery was not replayed." /> : null}
      {deliveries.error ? (
        <ErrorMessage error={deliveries.error} title={list ? 'Refreshing failed; this shows the last answer.' : 'The deliveries could not be loaded.'} />
      ) : null}
      {!list ? (
        deliveries.isPending ? (
          <Loading what="deliveries" />
        ) : null
      ) : list.edges.length === 0 ? (
        <Empty>
          {status
            ? `No delivery is “${deliveryStatusLabels[status]}”.`
            : `No deliveries yet. Each event the endpoint’s filters take is listed here once it is sent to it${writer ? '; Send test event sends one now' : ''}.`}
        </Empty>
      ) : (
        <>
          <TableBox label="Deliveries">
            <table className={styles.table}>
              <caption className={styles.srOnly}>Deliveries</caption>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col">Queued</th>
                  <th scope="col">Attempts</th>
                  {writer ? (
                    <th scope="col">
                      <span className={styles.srOnly}>Actions</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {list.edges.map(({ node }) => (
                  <DeliveryRow key={node.id} delivery={node} replay={writer ? { run: (id) => replay.mutate(id), pending: replay.isPending } : null} />
                ))}
              </tbody>
            </table>
          </TableBox>
          <Pager
            page={pages.page}
            total={plural(list.totalCount, 'delivery', 'deliveries')}
            hasNextPage={list.pageInfo.hasNextPage}
            endCursor={list.pageInfo.endCursor}
            next={pages.next}
            previous={pages.previous}
          />
        </>
      )}
    </section>
  );
}

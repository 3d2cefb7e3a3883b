import { eventTypeLabel } from '../../lib/event-types';
import { formatDuration, formatTime } from '../../lib/format';
import { attemptOutcome, deliveryState, excerpt, prettyBody } from '../../lib/webhooks';
import { ToneBadge } from '../../ui/badges';
import styles from '../../ui/ui.module.css';
import css from '../webhooks/webhooks.module.css';
import type { WebhookDeliveriesQuery } from '../../gql/graphql';

export type Delivery = NonNullable<WebhookDeliveriesQuery['viewer']['organization']['webhookEndpoint']>['deliveries']['edges'][number]['node'];

/** One delivery: its event, status, when it was queued, its attempts (expandable) and, for OWNERs and ADMINs, Replay. */
export function DeliveryRow({ delivery, replay }: { delivery: Delivery; replay: { run: (id: string) => void; pending: boolean } | null }) {
  const state = deliveryState(delivery);
  return (
    <tr>
      <td>
        {eventTypeLabel(delivery.eventType)}
        <div className={styles.hint}>
          <code>{delivery.eventType}</code>
        </div>
        <div className={styles.hint}>
          <code>{delivery.id}</code>
        </div>
        <details>
          <summary>
            Message<span className={styles.srOnly}> of {delivery.id}</span>
          </summary>
          <pre className={css.answer}>{prettyBody(delivery.body)}</pre>
        </details>
      </td>
      <td>
        <ToneBadge tone={state.tone} label={state.label} />
        <div className={styles.hint}>{state.detail}</div>
      </td>
      <td>{formatTime(delivery.createdAt)}</td>
      <td>
        {delivery.attemptLog.length === 0 ? (
          <span className={styles.muted}>none yet</span>
        ) : (
          <details>
            <summary>
              {delivery.attempts === 1 ? '1 attempt' : `${delivery.attempts} attempts`}
              <span className={styles.srOnly}> of {delivery.id}</span>
            </summary>
            <ol className={css.attempts} aria-label={`Attempts of ${delivery.id}, newest first`}>
              {delivery.attemptLog.map((attempt) => {
                const outcome = attemptOutcome(attempt);
                const answer = excerpt(attempt.responseBody);
                return (
                  <li key={attempt.attemptedAt}>
                    {formatTime(attempt.attemptedAt)} · <strong className={outcome.ok ? undefined : styles.fieldError}>{outcome.label}</strong> ·{' '}
                    {formatDuration(attempt.durationMs)}
                    {answer ? <pre className={css.answer}>{answer}</pre> : null}
                  </li>
                );
              })}
            </ol>
            {delivery.attempts > delivery.attemptLog.length ? <p className={styles.hint}>The last {delivery.attemptLog.length} are kept.</p> : null}
          </details>
        )}
      </td>
      {replay ? (
        <td>
          <button
            type="button"
            className={styles.secondary}
            disabled={replay.pending}
            aria-label={`Replay ${delivery.id}`}
            onClick={() => replay.run(delivery.id)}
          >
            Replay
          </button>
        </td>
      ) : null}
    </tr>
  );
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import { request } from '../../api/graphql-client';
import { ReplayWebhookDeliveriesDocument } from '../../gql/graphql';
import { formatTime, plural } from '../../lib/format';
import { parseSince, sinceFieldValue } from '../../lib/webhooks';
import { ErrorMessage } from '../../ui/states';
import styles from '../../ui/ui.module.css';
import css from '../webhooks/webhooks.module.css';

/** Replay since…: every message first queued since a time (UTC) is sent again, oldest first; says how many. */
export function ReplaySinceForm({ endpointId }: { endpointId: string }) {
  const [since, setSince] = useState(() => sinceFieldValue(new Date(Date.now() - 3_600_000)));
  const [problem, setProblem] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const replay = useMutation({
    mutationFn: (at: string) => request(ReplayWebhookDeliveriesDocument, { input: { endpointId, since: at } }).then((data) => ({ at, ...data })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['webhook', endpointId] }),
  });
  const fieldError = problem ?? (replay.error instanceof ApiError ? replay.error.byField().fields.since : undefined) ?? null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseSince(since);
    setProblem('error' in parsed ? parsed.error : null);
    if ('since' in parsed) replay.mutate(parsed.since);
  };
  return (
    <form onSubmit={submit} noValidate>
      <div className={styles.field}>
        <label htmlFor="replay-since" className={styles.label}>
          Replay since (UTC)
        </label>
        <div className={css.wrapInline}>
          <input
            id="replay-since"
            type="datetime-local"
            className={styles.input}
            value={since}
            aria-invalid={fieldError !== null}
            aria-describedby="replay-since-note"
            onChange={(e) => {
              setSince(e.target.value);
              setProblem(null);
              replay.reset();
            }}
          />
          <button type="submit" className={styles.secondary} disabled={replay.isPending}>
            {replay.isPending ? 'Queuing…' : 'Replay since'}
          </button>
        </div>
        <span id="replay-since-note" className={fieldError ? styles.fieldError : styles.hint} aria-live="polite">
          {fieldError ??
            (replay.data
              ? `${plural(replay.data.replayWebhookDeliveries.queued, 'message')} queued again: every message first queued since ${formatTime(replay.data.at)}.`
              : 'Every message first queued since then is sent again as a new delivery, oldest first (for a receiver that lost what it had accepted).')}
        </span>
      </div>
      {replay.error && !fieldError ? <ErrorMessage error={replay.error} title="Nothing was replayed." /> : null}
    </form>
  );
}

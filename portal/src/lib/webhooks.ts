import { formatTime } from './format';

/**
 * How the Webhooks pages word an endpoint's state, a delivery's status and an attempt's outcome,
 * and read the numbers and times their forms take. The API decides; this only says it.
 */
export type Tone = 'good' | 'bad' | 'idle';

export interface Summary {
  readonly label: string;
  readonly tone: Tone;
  /** What it means, in a sentence; empty when the label says it all. */
  readonly detail: string;
}

/** An endpoint's state: enabled, failing, disabled by an admin or by Roster (and why). */
export function endpointState(endpoint: { enabled: boolean; disabledReason: string | null; failingSince: string | null }): Summary {
  if (endpoint.enabled && endpoint.failingSince) {
    return {
      label: 'Failing',
      tone: 'bad',
      detail: `Every attempt has failed since ${formatTime(endpoint.failingSince)}. Roster disables an endpoint that fails for 5 days.`,
    };
  }
  if (endpoint.enabled) return { label: 'Enabled', tone: 'good', detail: '' };
  if (endpoint.disabledReason) {
    return {
      label: 'Disabled by Roster',
      tone: 'bad',
      detail: `Roster disabled it: ${endpoint.disabledReason}. Events are still queued; enable it to send them, in order.`,
    };
  }
  return { label: 'Disabled', tone: 'idle', detail: 'Events are still queued; enable it to send them, in order.' };
}

export type DeliveryStatus = 'PENDING' | 'SUCCEEDED' | 'FAILED';

/** A delivery's status in words, with what happened last and what happens next. */
export function deliveryState(delivery: {
  status: DeliveryStatus;
  attempts: number;
  lastStatus: number | null;
  nextAttemptAt: string | null;
  completedAt: string | null;
}): Summary {
  const last = delivery.lastStatus === null ? 'no answer' : `HTTP ${delivery.lastStatus}`;
  const tries = delivery.attempts === 1 ? '1 attempt' : `${delivery.attempts} attempts`;
  switch (delivery.status) {
    case 'SUCCEEDED':
      return { label: 'Delivered', tone: 'good', detail: `${last} after ${tries}, ${formatTime(delivery.completedAt)}` };
    case 'FAILED':
      return {
        label: 'Given up',
        tone: 'bad',
        detail: delivery.lastStatus === 410 ? 'The receiver answered 410 Gone.' : `Every retry failed (${tries}, last: ${last}).`,
      };
    case 'PENDING':
      if (delivery.attempts === 0) return { label: 'Queued', tone: 'idle', detail: 'Waiting to be sent, after the deliveries before it.' };
      return {
        label: 'Retrying',
        tone: 'bad',
        detail: `${tries} failed (last: ${last}); next try ${formatTime(delivery.nextAttemptAt, 'soon')}.`,
      };
  }
}

export const deliveryStatusLabels: Readonly<Record<DeliveryStatus, string>> = { PENDING: 'Queued or retrying', SUCCEEDED: 'Delivered', FAILED: 'Given up' };

/** One attempt's outcome: "HTTP 200", "HTTP 503", or why no answer came. */
export function attemptOutcome(attempt: { status: number | null; error: string | null }): { label: string; ok: boolean } {
  if (attempt.status === null) return { label: `No answer: ${attempt.error ?? 'unknown error'}`, ok: false };
  const ok = attempt.status >= 200 && attempt.status < 300;
  return { label: attempt.error ? `HTTP ${attempt.status}: ${attempt.error}` : `HTTP ${attempt.status}`, ok };
}

/** The first part of a receiver's answer, on a line or two; null when it was empty. */
export function excerpt(text: string | null, max = 300): string | null {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return null;
  return trimmed.length > max ? `${trimmed.slice(0, max)}…` : trimmed;
}

/** A message body as sent, indented for reading; anything that is not JSON is shown as it is. */
export function prettyBody(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** The API's limit on a rotation's overlap (RotateWebhookSecretInput.overlapHours). */
export const maxOverlapHours = 168;

/** The overlap typed in hours: a whole number from 0 to 168. */
export function parseOverlapHours(text: string): { hours: number } | { error: string } {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return { error: `Give the overlap in whole hours, from 0 to ${maxOverlapHours}.` };
  const hours = Number(trimmed);
  if (hours > maxOverlapHours) return { error: `At most ${maxOverlapHours} hours (a week).` };
  return { hours };
}

/**
 * "Replay since" typed in a date-time field (YYYY-MM-DDTHH:MM, the field's value), read as UTC like
 * every time the portal shows; it must be in the past.
 */
export function parseSince(value: string, now: Date = new Date()): { since: string } | { error: string } {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return { error: 'Give a date and time (UTC).' };
  // Seconds are optional (a field with step=60 leaves them out).
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(match[i] ?? 0)) as [number, number, number, number, number, number];
  const at = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  if (at.getUTCMonth() !== mo - 1 || at.getUTCDate() !== d || at.getUTCHours() !== h || at.getUTCMinutes() !== mi) {
    return { error: `${value.trim()} is not a date and time.` };
  }
  if (at.getTime() > now.getTime()) return { error: 'Choose a time in the past: deliveries queued since then are sent again.' };
  return { since: at.toISOString().replace('.000Z', 'Z') };
}

/** A date-time field's value (UTC) for a moment: the default of "Replay since" is an hour ago. */
export function sinceFieldValue(at: Date): string {
  return at.toISOString().slice(0, 16);
}

/** How the portal writes times, counts and names: one place, so every page says them alike. */

const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** "1 Dec 2026, 14:05 UTC", or the fallback ("never") for a missing time. */
export function formatTime(iso: string | null | undefined, fallback = 'never'): string {
  if (!iso) return fallback;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return fallback;
  return `${dateTime.format(date)} UTC`;
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "5 minutes ago", "in 3 days", "just now" (under a minute); the fallback for a missing time. */
export function formatRelative(iso: string | null | undefined, now: Date = new Date(), fallback = 'never'): string {
  if (!iso) return fallback;
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return fallback;
  const seconds = Math.round((then - now.getTime()) / 1000);
  if (Math.abs(seconds) < 60) return 'just now';
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return 'just now';
}

/** "1 member", "3 members". */
export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}

/** A member's name as people read it: display name, else given + family, else nothing. */
export function personName(member: { displayName: string | null; name: { givenName: string | null; familyName: string | null } }): string {
  if (member.displayName) return member.displayName;
  return [member.name.givenName, member.name.familyName].filter(Boolean).join(' ');
}

/** An email or phone number of a SCIM multi-valued attribute. */
function isMultiValue(item: unknown): item is { value: string; type?: unknown; primary?: unknown } {
  return typeof item === 'object' && item !== null && typeof (item as { value?: unknown }).value === 'string';
}

/**
 * A changed value in the activity log: text as it is, nothing as "—", emails and phone numbers
 * as "a@b.c (work, primary)", anything else as JSON.
 */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.length > 0 && value.every(isMultiValue)) {
    return value
      .map((item) => {
        const notes = [typeof item.type === 'string' ? item.type : null, item.primary === true ? 'primary' : null].filter(Boolean);
        return notes.length > 0 ? `${item.value} (${notes.join(', ')})` : item.value;
      })
      .join(', ');
  }
  return JSON.stringify(value);
}

/** `{ field: { before, after } }` from an activity event, as rows; anything else shaped is skipped. */
export function changeRows(changes: Record<string, unknown>): { field: string; before: string; after: string }[] {
  return Object.entries(changes).flatMap(([field, change]) => {
    if (typeof change !== 'object' || change === null) return [];
    const { before, after } = change as { before?: unknown; after?: unknown };
    return [{ field, before: formatValue(before), after: formatValue(after) }];
  });
}

/** "35 ms", "1.2 s", "15 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s`;
}

/** A resource snapshot (an event's `resource`) as field/value rows, in its own order. */
export function resourceRows(resource: Record<string, unknown> | null): { field: string; value: string }[] {
  return Object.entries(resource ?? {}).map(([field, value]) => ({ field, value: formatValue(value) }));
}

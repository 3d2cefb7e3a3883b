/**
 * Reading raw rows. The pool's connections hand timestamps over as PostgreSQL text
 * (`2026-12-01 08:26:58.123456+00`, MikroORM's type overrides), bigints as strings, and JSONB
 * already parsed.
 */

/** A `timestamptz` in PostgreSQL's text form (or a Date) as a Date. */
export function timestamp(value: unknown): Date {
  if (value instanceof Date) return value;
  const text = String(value);
  const ms = isoTimestampMs(text);
  if (ms !== undefined) return new Date(ms);
  // ISO 8601 wants a `T` and a `+00:00` offset where PostgreSQL writes a space and `+00`.
  return new Date(/[+-]\d\d$/.test(text) ? `${text.replace(' ', 'T')}:00` : text.replace(' ', 'T'));
}

/** The digits of `text` from `start` to `end` as a number, or -1 when one is not a digit. */
function digits(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Milliseconds since the epoch of `YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM]` (what PostgreSQL writes
 * for a timestamptz: every read maps rows with two of them), read without regular expressions
 * or copies of the string; fractions beyond the millisecond are cut off, as Date's own parser
 * does. Undefined for anything else (years before 100 or after 9999, BC, infinity), which
 * Date's parser reads instead.
 */
function isoTimestampMs(text: string): number | undefined {
  if (text.length < 22 || text[4] !== '-' || text[7] !== '-' || text[10] !== ' ' || text[13] !== ':' || text[16] !== ':') return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59)
    return undefined;
  let i = 19;
  let millis = 0;
  if (text[i] === '.') {
    let scale = 100;
    for (i++; i < text.length; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      millis += d * scale;
      scale /= 10;
    }
    millis = Math.floor(millis);
  }
  const sign = text[i] === '+' ? 1 : text[i] === '-' ? -1 : 0;
  if (sign === 0) return undefined;
  const offsetHours = digits(text, i + 1, i + 3);
  let offsetMinutes = 0;
  if (i + 3 === text.length) {
    // `+00`
  } else if (i + 6 === text.length && text[i + 3] === ':') {
    offsetMinutes = digits(text, i + 4, i + 6);
  } else {
    return undefined;
  }
  if (offsetHours < 0 || offsetMinutes < 0) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - sign * (offsetHours * 60 + offsetMinutes) * 60_000;
}

export function nullableTimestamp(value: unknown): Date | null {
  return value === null || value === undefined ? null : timestamp(value);
}

import { DomainError } from '../shared/domain-error.js';
import { decodeCursor, encodeCursor } from '../shared/page.js';

/**
 * An event's place in the change feed's order, and the cursor keyed on it: the id of the
 * transaction that wrote it (xid8), then its own id — both digits, as text.
 */
export type FeedPosition = readonly [txid: string, id: string];

export function feedCursor(txid: string, id: string): string {
  return encodeCursor([txid, id]);
}

/** The position in a cursor made by feedCursor; anything else is a clear input error naming `after`. */
export function feedPositionOf(after: string, what: string): FeedPosition {
  const [txid, id] = decodeCursor(after, 2).map(String);
  if (txid === undefined || id === undefined || !/^\d{1,20}$/.test(txid) || !/^\d{1,18}$/.test(id)) {
    throw new DomainError('VALIDATION_FAILED', `\`after\` is not a cursor ${what} returned.`, 'after');
  }
  return [txid, id];
}

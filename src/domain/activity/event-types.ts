import { DomainError } from '../shared/domain-error.js';

/** Every kind of activity event, `<area>.<verb>`: the change feed's event types. */
export const eventTypes = [
  'group.created',
  'group.renamed',
  'group.deleted',
  'member.created',
  'member.updated',
  'member.deactivated',
  'member.reactivated',
  'member.deleted',
  'team.created',
  'team.updated',
  'team.deleted',
  'team.members_added',
  'team.members_removed',
  'scim_token.created',
  'scim_token.revoked',
  'admin.created',
  'admin.password_reset',
  'webhook_endpoint.created',
  'webhook_endpoint.updated',
  'webhook_endpoint.secret_rotated',
  'webhook_endpoint.disabled',
  'webhook_endpoint.deleted',
  'webhook_endpoint.replayed',
  'webhook_endpoint.test_sent',
  'webhook_delivery.failed',
] as const;

export type EventType = (typeof eventTypes)[number];

const known = new Set<string>(eventTypes);
const areas = new Set(eventTypes.map((type) => type.slice(0, type.indexOf('.'))));

/**
 * The event types a filter names: exact types (`member.created`) or a whole area (`team.*`).
 * Anything else is a clear error listing what exists, never a filter that silently matches nothing.
 */
export function expandEventTypes(patterns: readonly string[], field: string): EventType[] {
  const selected = new Set<EventType>();
  for (const pattern of patterns) {
    const area = pattern.endsWith('.*') ? pattern.slice(0, -2) : undefined;
    if (area !== undefined && areas.has(area)) {
      for (const type of eventTypes) if (type.startsWith(`${area}.`)) selected.add(type);
    } else if (known.has(pattern)) {
      selected.add(pattern as EventType);
    } else {
      throw new DomainError(
        'VALIDATION_FAILED',
        `Unknown event type "${pattern}": use one of ${eventTypes.join(', ')}, or a whole area such as ${[...areas].map((a) => `${a}.*`).join(', ')}.`,
        field,
      );
    }
  }
  return [...selected];
}

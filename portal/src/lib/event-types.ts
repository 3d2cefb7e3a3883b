/**
 * The change feed's event types (`<area>.<verb>`, src/domain/activity/event-types.ts), in words, and
 * how filters name them: exactly (`member.created`) or by a whole area (`member.*`). The portal may
 * not import the server; test/unit/portal-action-labels.test.ts keeps this list the domain's.
 */
export const eventTypeLabels: Readonly<Record<string, string>> = {
  'group.created': 'Group created',
  'group.renamed': 'Group renamed',
  'group.deleted': 'Group deleted',
  'member.created': 'Member created',
  'member.updated': 'Member updated',
  'member.deactivated': 'Member deactivated',
  'member.reactivated': 'Member reactivated',
  'member.deleted': 'Member deleted',
  'team.created': 'Team created',
  'team.updated': 'Team updated',
  'team.deleted': 'Team deleted',
  'team.members_added': 'Team members added',
  'team.members_removed': 'Team members removed',
  'scim_token.created': 'SCIM token generated',
  'scim_token.revoked': 'SCIM token revoked',
  'admin.created': 'Admin created',
  'admin.password_reset': 'Admin password reset',
  'webhook_endpoint.created': 'Webhook endpoint added',
  'webhook_endpoint.updated': 'Webhook endpoint changed',
  'webhook_endpoint.secret_rotated': 'Webhook secret rotated',
  'webhook_endpoint.disabled': 'Webhook endpoint disabled by Roster',
  'webhook_endpoint.deleted': 'Webhook endpoint deleted',
  'webhook_endpoint.replayed': 'Webhook messages replayed',
  'webhook_endpoint.test_sent': 'Webhook test event sent',
  'webhook_delivery.failed': 'Webhook delivery given up',
};

/** The areas whose events a group's activity log holds. */
const groupAreas = new Set(['group', 'member', 'team', 'scim_token']);

/**
 * The actions a group's activity log holds, in words, for the Activity tab's filter. An action
 * missing here is still listed and filterable by its code.
 */
export const actionLabels: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(eventTypeLabels).filter(([type]) => groupAreas.has(areaOf(type))),
);

/** Every event type, in the domain's order. */
export const eventTypes: readonly string[] = Object.keys(eventTypeLabels);

/** The areas, in the order their first type appears, each with its types. */
export const eventAreas: readonly { area: string; label: string; types: readonly string[] }[] = (() => {
  const names: Record<string, string> = {
    group: 'Groups',
    member: 'Members',
    team: 'Teams',
    scim_token: 'SCIM tokens',
    admin: 'Admins',
    webhook_endpoint: 'Webhook endpoints',
    webhook_delivery: 'Webhook deliveries',
  };
  const byArea = new Map<string, string[]>();
  for (const type of eventTypes) {
    const area = areaOf(type);
    byArea.set(area, [...(byArea.get(area) ?? []), type]);
  }
  return [...byArea].map(([area, types]) => ({ area, label: names[area] ?? area, types }));
})();

/** `member` of `member.created`. */
export function areaOf(type: string): string {
  const dot = type.indexOf('.');
  return dot < 0 ? type : type.slice(0, dot);
}

/** An event type in words; `webhook.test` is the test message; an unknown one as its code. */
export function eventTypeLabel(type: string): string {
  if (type === 'webhook.test') return 'Test message';
  return eventTypeLabels[type] ?? type;
}

/** A filter pattern in words: "Members: every event (member.*)", or the type's label. */
export function patternLabel(pattern: string): string {
  if (pattern.endsWith('.*')) {
    const area = eventAreas.find((a) => a.area === pattern.slice(0, -2));
    return area ? `${area.label}: every event` : pattern;
  }
  return eventTypeLabel(pattern);
}

/**
 * Exact types as the shortest patterns naming them: a whole area (`member.*`) where every type of
 * it is in, else the exact types. The API stores an endpoint's filter expanded to exact types;
 * this reads it back the way it was likely chosen. Unknown types are kept as they are.
 */
export function collapseTypes(types: readonly string[]): string[] {
  const chosen = new Set(types);
  const patterns: string[] = [];
  for (const { area, types: inArea } of eventAreas) {
    if (inArea.every((type) => chosen.has(type))) patterns.push(`${area}.*`);
    else patterns.push(...inArea.filter((type) => chosen.has(type)));
  }
  const known = new Set(eventTypes);
  return [...patterns, ...types.filter((type) => !known.has(type))];
}

/** An endpoint's type filter in words, for a list: "All events", or its patterns. */
export function typeFilterSummary(types: readonly string[] | null): string {
  if (types === null) return 'All events';
  return collapseTypes(types).join(', ');
}

/** The feed's EventFilter from the Events view's choices ('' for any); null when nothing is chosen. */
export function feedFilter(choice: { readonly type: string; readonly groupId: string }) {
  const filter = { ...(choice.type ? { types: [choice.type] } : {}), ...(choice.groupId ? { groupIds: [choice.groupId] } : {}) };
  return Object.keys(filter).length === 0 ? null : filter;
}

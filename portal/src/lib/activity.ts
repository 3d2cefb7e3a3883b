export type ActorKind = 'ADMIN' | 'SCIM_TOKEN' | 'SYSTEM';

/** Who an actor is, in words (an event's `actor.type`). */
export const actorKindLabels: Readonly<Record<ActorKind, string>> = { ADMIN: 'admin', SCIM_TOKEN: 'SCIM token', SYSTEM: 'Roster' };

export interface ActivityFilterValues {
  readonly action: string;
  readonly actorType: ActorKind | '';
  readonly actorLabel: string;
}

/** The API's ActivityFilter from the form: empty choices are left out; null when nothing is chosen. */
export function activityFilter(values: ActivityFilterValues, targetId?: string) {
  const filter = {
    ...(values.action ? { action: values.action } : {}),
    ...(values.actorType ? { actorType: values.actorType } : {}),
    ...(values.actorLabel.trim() ? { actorLabel: values.actorLabel.trim() } : {}),
    ...(targetId ? { targetId } : {}),
  };
  return Object.keys(filter).length === 0 ? null : filter;
}

/**
 * The actions Roster records (`<area>.<verb>`, src/domain and src/scim), in words, for the
 * Activity tab's filter. An action missing here is still listed and filterable by its code.
 */
export const actionLabels: Readonly<Record<string, string>> = {
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
};

export type ActorKind = 'ADMIN' | 'SCIM_TOKEN' | 'SYSTEM';

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

import DataLoader from 'dataloader';
import type { ActivityEvent } from '../domain/activity/activity-event.entity.js';
import type { ActivityFilter } from '../domain/activity/activity.service.js';
import type { GroupView as Group } from '../domain/groups/group.service.js';
import { memberReaderFor, type MemberProperty, type MemberRecord as Member } from '../domain/members/member.record.js';
import type { MemberFilter } from '../domain/members/member.service.js';
import type { ScimConnectionHealth } from '../domain/scim-connections/scim-connection.service.js';
import type { ScimToken } from '../domain/scim-tokens/scim-token.entity.js';
import type { Actor } from '../domain/shared/actor.js';
import type { Page, PageRequest } from '../domain/shared/page.js';
import type { Services } from '../domain/services.js';
import type { TeamRecord as Team } from '../domain/teams/team.record.js';

/**
 * Per-request batching for fields resolved once per parent row (a page of groups asking each for
 * its members, counts and tokens): one statement per field and argument set per request, however
 * long the page. Parents reaching these loaders were already loaded through the actor's scope.
 */
export interface Loaders {
  group: DataLoader<string, Group | null>;
  /** Member counts per group, for one filter (the unfiltered count is `memberCount({})`). */
  memberCount(filter: MemberFilter): DataLoader<string, number>;
  /**
   * Pages of members per group. With `properties` (a GraphQL selection's, memberPropertiesOf),
   * the records hold only those and the keys: the fields selected read nothing else.
   */
  membersPage(filter: MemberFilter, page: PageRequest, properties?: readonly MemberProperty[]): DataLoader<string, Page<Member>>;
  teamCount: DataLoader<string, number>;
  teamsPage(page: PageRequest): DataLoader<string, Page<Team>>;
  teamsOfMember: DataLoader<string, Team[]>;
  teamMemberCount: DataLoader<string, number>;
  /** Pages of members per team; `properties` as for membersPage. */
  teamMembersPage(page: PageRequest, properties?: readonly MemberProperty[]): DataLoader<string, Page<Member>>;
  scimTokens: DataLoader<string, ScimToken[]>;
  scimHealth: DataLoader<string, ScimConnectionHealth>;
  groupActivity(actor: Actor, page: PageRequest, filter: ActivityFilter): DataLoader<string, Page<ActivityEvent>>;
}

type Batch<V> = (ids: readonly string[]) => Promise<Map<string, V>>;

function byKey<V>(batch: Batch<V>, missing: V): DataLoader<string, V> {
  return new DataLoader(async (ids) => {
    const found = await batch(ids);
    return ids.map((id) => found.get(id) ?? missing);
  });
}

/** One loader per distinct argument set, so parents asking for the same page shape share a statement. */
function perArguments<V>(): (key: unknown[], make: () => DataLoader<string, V>) => DataLoader<string, V> {
  const loaders = new Map<string, DataLoader<string, V>>();
  return (key, make) => {
    const id = JSON.stringify(key);
    let loader = loaders.get(id);
    if (!loader) {
      loader = make();
      loaders.set(id, loader);
    }
    return loader;
  };
}

const emptyPage = { items: [], hasNextPage: false, cursors: [] };

export function createLoaders(services: Services): Loaders {
  const memberPages = perArguments<Page<Member>>();
  const memberCounts = perArguments<number>();
  const teamPages = perArguments<Page<Team>>();
  const activityPages = perArguments<Page<ActivityEvent>>();
  const teamMemberPages = perArguments<Page<Member>>();
  return {
    group: byKey(async (ids) => new Map((await services.groups.byIds(ids)).map((g) => [g.id, g])), null),
    memberCount: (filter) => memberCounts([filter.search, filter.active], () => byKey((ids) => services.members.countOfGroups(ids, filter), 0)),
    membersPage: (filter, page, properties) =>
      memberPages([filter.search, filter.active, page.first, page.after, properties ?? null], () =>
        byKey(
          (ids) =>
            properties
              ? // Narrowed records, typed as whole ones: the resolvers of the selection read only these properties.
                (services.members.listOfGroups(ids, filter, page, memberReaderFor(properties)) as Promise<Map<string, Page<Member>>>)
              : services.members.listOfGroups(ids, filter, page),
          emptyPage,
        ),
      ),
    teamCount: byKey((ids) => services.teams.countOfGroups(ids), 0),
    teamsPage: (page) => teamPages([page.first, page.after], () => byKey((ids) => services.teams.listOfGroups(ids, page), emptyPage)),
    teamsOfMember: byKey((ids) => services.teams.teamsOfMembers(ids), []),
    teamMemberCount: byKey((ids) => services.teams.memberCounts(ids), 0),
    teamMembersPage: (page, properties) =>
      teamMemberPages([page.first, page.after, properties ?? null], () =>
        byKey(
          (ids) =>
            properties
              ? // As in membersPage: narrowed records, read only through the selection they were narrowed to.
                (services.teams.membersOfTeams(ids, page, memberReaderFor(properties)) as Promise<Map<string, Page<Member>>>)
              : services.teams.membersOfTeams(ids, page),
          emptyPage,
        ),
      ),
    scimTokens: byKey((ids) => services.scimTokens.listOfGroups(ids), []),
    scimHealth: byKey((ids) => services.scimConnections.healthOfGroups(ids), { connection: null, rejectedAttempts: [] }),
    groupActivity: (actor, page, filter) =>
      activityPages([page.first, page.after, filter.action, filter.actorType, filter.actorLabel, filter.targetId], () =>
        byKey((ids) => services.activity.listOfGroups(actor, ids, page, filter), emptyPage),
      ),
  };
}

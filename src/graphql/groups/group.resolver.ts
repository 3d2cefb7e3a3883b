import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ActivityEvent } from '../../domain/activity/activity-event.entity.js';
import { GroupKind } from '../../domain/groups/group.entity.js';
import type { GroupView as Group } from '../../domain/groups/group.service.js';
import { scimBaseUrl } from '../../domain/groups/scim-url.js';
import type { MemberRecord as Member } from '../../domain/members/member.record.js';
import type { TeamRecord as Team } from '../../domain/teams/team.record.js';
import { ActivityFilterInput } from '../activity/activity.inputs.js';
import { ActivityEventConnection } from '../activity/activity.type.js';
import { lazy, toConnection, type ConnectionValue } from '../common/connection.js';
import { PageArgs } from '../common/page-args.js';
import { actorOf, type GraphQLContext } from '../context.js';
import { MemberFilterInput } from '../members/member.inputs.js';
import { memberPropertiesOf } from '../members/member.selection.js';
import { MemberConnection } from '../members/member.type.js';
import { GroupScimObject, toScimConnectionObject } from '../scim-tokens/scim-token.type.js';
import { TeamConnection } from '../teams/team.type.js';
import { CreateGroupInput, DeleteGroupInput, DeleteGroupPayload, GroupFilterInput, GroupPayload, RenameGroupInput } from './group.inputs.js';
import { GroupConnection, GroupObject } from './group.type.js';

@Resolver(() => GroupObject)
export class GroupResolver {
  @Query(() => GroupConnection, { description: "The organization's groups, by name." })
  async groups(
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => GroupFilterInput, { nullable: true }) filter: GroupFilterInput | null,
    @Ctx() context: GraphQLContext,
  ): Promise<ConnectionValue<Group>> {
    const actor = actorOf(context);
    const items = await context.services.groups.list(actor, filter ?? {}, page);
    return toConnection(items, () => context.services.groups.count(actor, filter ?? {}));
  }

  @Query(() => GroupObject, { nullable: true, description: 'A group by id; null when there is none in your organization.' })
  group(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Group | null> {
    return context.services.groups.find(actorOf(context), id);
  }

  @Mutation(() => GroupPayload, { description: 'Creates a group. SCIM groups need the PRO plan (PLAN_REQUIRED otherwise).' })
  async createGroup(@Arg('input', () => CreateGroupInput) input: CreateGroupInput, @Ctx() context: GraphQLContext): Promise<GroupPayload> {
    return { group: await context.services.groups.create(actorOf(context), input) };
  }

  @Mutation(() => GroupPayload, { description: 'Renames a group.' })
  async renameGroup(@Arg('input', () => RenameGroupInput) input: RenameGroupInput, @Ctx() context: GraphQLContext): Promise<GroupPayload> {
    return { group: await context.services.groups.rename(actorOf(context), input.id, input.name) };
  }

  @Mutation(() => DeleteGroupPayload, { description: 'Deletes a group with its members, teams and SCIM tokens.' })
  async deleteGroup(@Arg('input', () => DeleteGroupInput) input: DeleteGroupInput, @Ctx() context: GraphQLContext): Promise<DeleteGroupPayload> {
    return { deletedGroupId: (await context.services.groups.delete(actorOf(context), input.id)).id };
  }

  @FieldResolver(() => MemberConnection, { description: 'Members by userName; deactivated ones included unless filtered out.' })
  async members(
    @Root() group: Group,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => MemberFilterInput, { nullable: true }) filter: MemberFilterInput | null,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionValue<Member>> {
    const items = await context.loaders.membersPage(filter ?? {}, page, memberPropertiesOf(info)).load(group.id);
    return toConnection(items, () => context.loaders.memberCount(filter ?? {}).load(group.id));
  }

  @FieldResolver(() => Int, { description: 'How many members the group has (active and deactivated).' })
  memberCount(@Root() group: Group, @Ctx() context: GraphQLContext): Promise<number> {
    return context.loaders.memberCount({}).load(group.id);
  }

  @FieldResolver(() => TeamConnection, { description: 'Teams by displayName.' })
  async teams(@Root() group: Group, @Args(() => PageArgs) page: PageArgs, @Ctx() context: GraphQLContext): Promise<ConnectionValue<Team>> {
    const items = await context.loaders.teamsPage(page).load(group.id);
    return toConnection(items, () => context.loaders.teamCount.load(group.id));
  }

  @FieldResolver(() => GroupScimObject, { nullable: true, description: 'SCIM connection details; null for STANDARD groups.' })
  async scim(@Root() group: Group, @Ctx() context: GraphQLContext): Promise<GroupScimObject | null> {
    if (group.kind !== GroupKind.SCIM) return null;
    return {
      baseUrl: scimBaseUrl(context.publicUrl, group.id),
      tokens: await context.loaders.scimTokens.load(group.id),
      // Loaded only when the client selects it.
      connection: lazy(async () => toScimConnectionObject(await context.loaders.scimHealth.load(group.id))),
    };
  }

  @FieldResolver(() => ActivityEventConnection, { description: 'Changes in this group, newest first; `filter` narrows them (by action, actor, target).' })
  async activity(
    @Root() group: Group,
    @Args(() => PageArgs) page: PageArgs,
    @Arg('filter', () => ActivityFilterInput, { nullable: true }) filter: ActivityFilterInput | null,
    @Ctx() context: GraphQLContext,
  ): Promise<ConnectionValue<ActivityEvent>> {
    const actor = actorOf(context);
    const items = await context.loaders.groupActivity(actor, page, filter ?? {}).load(group.id);
    return toConnection(items, () => context.services.activity.countForGroup(actor, group.id, filter ?? {}));
  }
}

import { expectingVersion } from '../../domain/shared/version.js';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GroupView as Group } from '../../domain/groups/group.service.js';
import type { MemberRecord as Member } from '../../domain/members/member.record.js';
import type { TeamRecord as Team } from '../../domain/teams/team.record.js';
import { toConnection, type ConnectionValue } from '../common/connection.js';
import { PageArgs } from '../common/page-args.js';
import { actorOf, type GraphQLContext } from '../context.js';
import { GroupObject } from '../groups/group.type.js';
import { memberPropertiesOf } from '../members/member.selection.js';
import { MemberConnection } from '../members/member.type.js';
import { CreateTeamInput, DeleteTeamInput, DeleteTeamPayload, RenameTeamInput, TeamMembersInput, TeamMembersPayload, TeamPayload } from './team.inputs.js';
import { TeamObject } from './team.type.js';

@Resolver(() => TeamObject)
export class TeamResolver {
  @Query(() => TeamObject, { nullable: true, description: 'A team by id; null when there is none in your organization.' })
  team(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Team | null> {
    return context.services.teams.find(actorOf(context), id);
  }

  @Mutation(() => TeamPayload, { description: 'Creates a team in a STANDARD group.' })
  async createTeam(@Arg('input', () => CreateTeamInput) input: CreateTeamInput, @Ctx() context: GraphQLContext): Promise<TeamPayload> {
    return { team: await context.services.teams.create(actorOf(context), input.groupId, { displayName: input.displayName }) };
  }

  @Mutation(() => TeamPayload, { description: 'Renames a team of a STANDARD group.' })
  async renameTeam(@Arg('input', () => RenameTeamInput) input: RenameTeamInput, @Ctx() context: GraphQLContext): Promise<TeamPayload> {
    const options = { ifMatch: expectingVersion(input.expectedVersion) };
    return { team: await context.services.teams.update(actorOf(context), input.id, { displayName: input.displayName }, options) };
  }

  @Mutation(() => DeleteTeamPayload, { description: 'Deletes a team of a STANDARD group; its members stay in the group.' })
  async deleteTeam(@Arg('input', () => DeleteTeamInput) input: DeleteTeamInput, @Ctx() context: GraphQLContext): Promise<DeleteTeamPayload> {
    const options = { ifMatch: expectingVersion(input.expectedVersion) };
    return { deletedTeamId: (await context.services.teams.delete(actorOf(context), input.id, options)).id };
  }

  @Mutation(() => TeamMembersPayload, { description: "Adds members of the team's group to a team; members already in it are left alone." })
  async addTeamMembers(@Arg('input', () => TeamMembersInput) input: TeamMembersInput, @Ctx() context: GraphQLContext): Promise<TeamMembersPayload> {
    const options = { ifMatch: expectingVersion(input.expectedVersion) };
    const { team, added } = await context.services.teams.addMembers(actorOf(context), input.teamId, input.memberIds, options);
    return { team, changed: added };
  }

  @Mutation(() => TeamMembersPayload, { description: 'Removes exactly these members from a team.' })
  async removeTeamMembers(@Arg('input', () => TeamMembersInput) input: TeamMembersInput, @Ctx() context: GraphQLContext): Promise<TeamMembersPayload> {
    const options = { ifMatch: expectingVersion(input.expectedVersion) };
    const { team, removed } = await context.services.teams.removeMembers(actorOf(context), input.teamId, input.memberIds, options);
    return { team, changed: removed };
  }

  @FieldResolver(() => MemberConnection, { description: 'Members of the team, by userName.' })
  async members(
    @Root() team: Team,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: GraphQLContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<ConnectionValue<Member>> {
    const items = await context.loaders.teamMembersPage(page, memberPropertiesOf(info)).load(team.id);
    return toConnection(items, () => context.loaders.teamMemberCount.load(team.id));
  }

  @FieldResolver(() => Int)
  memberCount(@Root() team: Team, @Ctx() context: GraphQLContext): Promise<number> {
    return context.loaders.teamMemberCount.load(team.id);
  }

  @FieldResolver(() => GroupObject)
  async group(@Root() team: Team, @Ctx() context: GraphQLContext): Promise<Group> {
    const group = await context.loaders.group.load(team.groupId);
    if (!group) throw new Error(`team ${team.id} has no group`);
    return group;
  }
}

import { expectingVersion } from '../../domain/shared/version.js';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { GroupView as Group } from '../../domain/groups/group.service.js';
import type { MemberRecord as Member } from '../../domain/members/member.record.js';
import type { MemberAttributes } from '../../domain/members/member.values.js';
import type { TeamRecord as Team } from '../../domain/teams/team.record.js';
import { actorOf, type GraphQLContext } from '../context.js';
import { GroupObject } from '../groups/group.type.js';
import { TeamObject } from '../teams/team.type.js';
import {
  CreateMemberInput,
  DeleteMemberInput,
  DeleteMemberPayload,
  MemberPayload,
  SetMemberActiveInput,
  UpdateMemberInput,
  type MemberAttributesInput,
} from './member.inputs.js';
import { EnterpriseObject, MemberNameObject, MemberObject, ScimAttributeObject } from './member.type.js';

/** GraphQL input → domain attributes: only keys the client sent (undefined = leave as is). */
function attributesOf(input: MemberAttributesInput & { userName?: string | null; active?: boolean | null }): Partial<MemberAttributes> {
  const out: Partial<MemberAttributes> = {};
  const text = [
    'externalId',
    'givenName',
    'familyName',
    'displayName',
    'nickName',
    'title',
    'preferredLanguage',
    'locale',
    'timezone',
    'employeeNumber',
    'department',
    'costCenter',
    'division',
    'organization',
  ] as const;
  for (const key of text) if (input[key] !== undefined) out[key] = input[key];
  if (input.userName !== undefined && input.userName !== null) out.userName = input.userName;
  if (input.active !== undefined && input.active !== null) out.active = input.active;
  if (input.emails !== undefined) out.emails = input.emails ?? [];
  if (input.phoneNumbers !== undefined) out.phoneNumbers = input.phoneNumbers ?? [];
  return out;
}

@Resolver(() => MemberObject)
export class MemberResolver {
  @Query(() => MemberObject, { nullable: true, description: 'A member by id; null when there is none in your organization.' })
  member(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<Member | null> {
    return context.services.members.find(actorOf(context), id);
  }

  @Mutation(() => MemberPayload, { description: 'Adds a member to a STANDARD group (GROUP_SCIM_MANAGED for SCIM groups).' })
  async createMember(@Arg('input', () => CreateMemberInput) input: CreateMemberInput, @Ctx() context: GraphQLContext): Promise<MemberPayload> {
    return { member: await context.services.members.create(actorOf(context), input.groupId, { ...attributesOf(input), userName: input.userName }) };
  }

  @Mutation(() => MemberPayload, { description: 'Changes the given fields of a member of a STANDARD group.' })
  async updateMember(@Arg('input', () => UpdateMemberInput) input: UpdateMemberInput, @Ctx() context: GraphQLContext): Promise<MemberPayload> {
    const options = { ifMatch: expectingVersion(input.expectedVersion) };
    return { member: await context.services.members.update(actorOf(context), input.id, attributesOf(input), options) };
  }

  @Mutation(() => MemberPayload, { description: 'Deactivates (kept and listed) or reactivates a member of a STANDARD group.' })
  async setMemberActive(@Arg('input', () => SetMemberActiveInput) input: SetMemberActiveInput, @Ctx() context: GraphQLContext): Promise<MemberPayload> {
    const options = { ifMatch: expectingVersion(input.expectedVersion) };
    return { member: await context.services.members.setActive(actorOf(context), input.id, input.active, options) };
  }

  @Mutation(() => DeleteMemberPayload, { description: 'Removes a member of a STANDARD group, with its team memberships.' })
  async deleteMember(@Arg('input', () => DeleteMemberInput) input: DeleteMemberInput, @Ctx() context: GraphQLContext): Promise<DeleteMemberPayload> {
    const options = { ifMatch: expectingVersion(input.expectedVersion) };
    return { deletedMemberId: (await context.services.members.delete(actorOf(context), input.id, options)).id };
  }

  @FieldResolver(() => MemberNameObject)
  name(@Root() member: Member): MemberNameObject {
    const { formattedName: formatted, givenName, familyName, middleName, honorificPrefix, honorificSuffix } = member;
    return { formatted, givenName, familyName, middleName, honorificPrefix, honorificSuffix };
  }

  @FieldResolver(() => EnterpriseObject)
  enterprise(@Root() member: Member): EnterpriseObject {
    const { employeeNumber, costCenter, enterpriseOrganization: organization, division, department, manager } = member;
    return { employeeNumber, costCenter, organization, division, department, manager };
  }

  @FieldResolver(() => [ScimAttributeObject], {
    description:
      'What the identity provider sent beyond the modelled attributes: custom schema extensions (an Entra ID or Okta extension URN) and other core SCIM attributes, by name. Read-only here; SCIM returns them unchanged.',
  })
  otherScimAttributes(@Root() member: Member): ScimAttributeObject[] {
    return [...Object.entries(member.otherAttributes), ...Object.entries(member.extensions)].map(([name, value]) => ({ name, value }));
  }

  @FieldResolver(() => GroupObject, { description: 'The group the member belongs to.' })
  async group(@Root() member: Member, @Ctx() context: GraphQLContext): Promise<Group> {
    const group = await context.loaders.group.load(member.groupId);
    if (!group) throw new Error(`member ${member.id} has no group`);
    return group;
  }

  @FieldResolver(() => [TeamObject], { description: "The teams of the member's group it is in, by name." })
  teams(@Root() member: Member, @Ctx() context: GraphQLContext): Promise<Team[]> {
    return context.loaders.teamsOfMember.load(member.id);
  }
}

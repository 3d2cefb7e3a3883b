import { ArrayMaxSize, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { maxMembersPerChange, teamNameMaxLength } from '../../domain/teams/team.service.js';
import { TeamObject } from './team.type.js';

@InputType('CreateTeamInput', { description: 'A new team in a STANDARD group.' })
export class CreateTeamInput {
  @Field(() => ID)
  groupId!: string;

  @Field(() => String, { description: 'Unique in the group, compared case-insensitively.' })
  @MaxLength(teamNameMaxLength)
  displayName!: string;
}

@InputType('RenameTeamInput')
export class RenameTeamInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  @MaxLength(teamNameMaxLength)
  displayName!: string;

  @Field(() => Int, {
    nullable: true,
    description: "The team's `version` as read: the change applies only if nobody changed the team since (else CONFLICT, reason TEAM_VERSION_MISMATCH).",
  })
  @Min(1)
  expectedVersion?: number | null;
}

@InputType('DeleteTeamInput')
export class DeleteTeamInput {
  @Field(() => ID, { description: 'The team to delete; its members stay in the group.' })
  id!: string;

  @Field(() => Int, {
    nullable: true,
    description: "The team's `version` as read: the change applies only if nobody changed the team since (else CONFLICT, reason TEAM_VERSION_MISMATCH).",
  })
  @Min(1)
  expectedVersion?: number | null;
}

@InputType('TeamMembersInput', { description: 'Members to add to or remove from a team.' })
export class TeamMembersInput {
  @Field(() => ID)
  teamId!: string;

  @Field(() => [ID], { description: `Members of the team's group; at most ${maxMembersPerChange} per call.` })
  @ArrayMaxSize(maxMembersPerChange)
  memberIds!: string[];

  @Field(() => Int, {
    nullable: true,
    description: "The team's `version` as read: the change applies only if nobody changed the team since (else CONFLICT, reason TEAM_VERSION_MISMATCH).",
  })
  @Min(1)
  expectedVersion?: number | null;
}

@ObjectType('TeamPayload')
export class TeamPayload {
  @Field(() => TeamObject)
  team!: TeamObject;
}

@ObjectType('TeamMembersPayload')
export class TeamMembersPayload {
  @Field(() => TeamObject)
  team!: TeamObject;

  @Field(() => Int, { description: 'How many memberships were added or removed (members already in, or not in, the team do not count).' })
  changed!: number;
}

@ObjectType('DeleteTeamPayload')
export class DeleteTeamPayload {
  @Field(() => ID)
  deletedTeamId!: string;
}

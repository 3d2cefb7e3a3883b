import { GraphQLJSONObject } from 'graphql-scalars';
import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from 'type-graphql';
import { ActorType, type FieldChange } from '../../domain/activity/activity-event.entity.js';
import { connectionOf } from '../common/connection.js';

registerEnumType(ActorType, {
  name: 'ActorType',
  description: 'Who made a change.',
  valuesConfig: {
    ADMIN: { description: 'An admin, in the portal or the API.' },
    SCIM_TOKEN: { description: 'An identity provider, through a SCIM token.' },
    SYSTEM: { description: 'An operator command or start-up.' },
  },
});

@ObjectType('ActivityActor', { description: 'Who made a change: an admin (by email) or a SCIM token (by name).' })
export class ActivityActorObject {
  @Field(() => ActorType)
  type!: ActorType;

  @Field(() => ID, { nullable: true, description: "The admin's or the token's id; null for SYSTEM." })
  id!: string | null;

  @Field(() => String, { description: "The admin's email or the token's name at the time." })
  label!: string;
}

@ObjectType('ActivityEvent', { description: 'One change, recorded in the same transaction as the change itself.' })
export class ActivityEventObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'What happened: `<area>.<verb>`, e.g. `group.created`, `member.deactivated`, `team.members_added`.' })
  action!: string;

  @Field(() => ActivityActorObject)
  actor!: ActivityActorObject;

  @Field(() => ID, { nullable: true, description: 'The group it happened in, if any (kept after the group is deleted).' })
  groupId!: string | null;

  @Field(() => String, { description: 'Kind of thing changed: Group, Member, Team, ScimToken, Admin.' })
  targetType!: string;

  @Field(() => ID, { nullable: true })
  targetId!: string | null;

  @Field(() => String, { description: 'Its name at the time (group name, userName, team name, token name).' })
  targetLabel!: string;

  @Field(() => GraphQLJSONObject, { description: 'Changed fields: `{ field: { before, after } }`.' })
  changes!: Record<string, FieldChange>;

  @Field(() => String, { nullable: true, description: 'The request that made the change (X-Request-Id), to match logs.' })
  requestId!: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLJSONObject, {
    nullable: true,
    description:
      "The thing changed as it is after the change: a member's attributes (as `changes` names them) with `id`, `groupId` and `version`; a team's `displayName`, `externalId` and `version`; a group's `name` and `kind`; a token's `name` and `lastFour` (never a secret). Null after a deletion (`changes` keeps what was removed) and for events recorded before Roster kept it.",
  })
  resource!: Record<string, unknown> | null;
}

export const ActivityEventConnection = connectionOf(ActivityEventObject, 'ActivityEvent', 'activity event');

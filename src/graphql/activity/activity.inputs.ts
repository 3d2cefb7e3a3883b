import { MaxLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ActorType } from '../../domain/activity/activity-event.entity.js';

@InputType('ActivityFilter', { description: 'Narrows a list of activity events: every field given must match.' })
export class ActivityFilterInput {
  @Field(() => String, { nullable: true, description: 'Exactly this action, e.g. `member.created`, `scim_token.revoked`.' })
  @MaxLength(100)
  action?: string | null;

  @Field(() => ActorType, { nullable: true, description: 'Only changes by admins, by SCIM tokens, or by Roster itself.' })
  actorType?: ActorType | null;

  @Field(() => String, { nullable: true, description: "The admin's email or the token's name as recorded (`actor.label`), compared case-insensitively." })
  @MaxLength(320)
  actorLabel?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only changes of this member, team, token or group (`targetId`); an unknown id matches nothing.' })
  targetId?: string | null;
}

import { Field, GraphQLISODateTime, ID, Int, ObjectType } from 'type-graphql';
import { connectionOf } from '../common/connection.js';

@ObjectType('Team', { description: 'A team inside a group (a SCIM Group pushed by the identity provider, or made by admins in a STANDARD group).' })
export class TeamObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Unique in the group, compared case-insensitively.' })
  displayName!: string;

  @Field(() => String, { nullable: true, description: "The identity provider's own id for the group." })
  externalId!: string | null;

  @Field(() => Int, { description: 'Changes on every update (the SCIM ETag).' })
  version!: number;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt!: Date;
}

export const TeamConnection = connectionOf(TeamObject, 'Team', 'team');

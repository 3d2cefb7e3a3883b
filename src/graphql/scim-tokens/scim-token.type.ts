import { Field, GraphQLISODateTime, ID, ObjectType } from 'type-graphql';
import { AdminObject } from '../viewer/viewer.types.js';

@ObjectType('ScimToken', { description: "A SCIM group's bearer token. Its secret is shown once, when created, and never again." })
export class ScimTokenObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'A name to tell tokens apart, e.g. "Okta production".' })
  name!: string;

  @Field(() => String, { description: 'The last four characters of the token.' })
  lastFour!: string;

  @Field(() => AdminObject, { nullable: true, description: 'Who created it (null once that admin is removed).' })
  createdBy!: AdminObject | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it stops working; null for never.' })
  expiresAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When an identity provider last used it (updated at most every 5 minutes).' })
  lastUsedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was revoked; a revoked token is refused at once.' })
  revokedAt!: Date | null;
}

@ObjectType('GroupScim', { description: 'How an identity provider connects to a SCIM group.' })
export class GroupScimObject {
  @Field(() => String, { description: "This group's SCIM base URL, to paste into the identity provider (one per group; no `_` in it)." })
  baseUrl!: string;

  @Field(() => [ScimTokenObject], { description: 'Tokens of this group, newest first, revoked ones included.' })
  tokens!: ScimTokenObject[];
}

import { MaxLength } from 'class-validator';
import { Field, GraphQLISODateTime, ID, InputType, ObjectType } from 'type-graphql';
import { ScimTokenObject } from './scim-token.type.js';

@InputType('CreateScimTokenInput')
export class CreateScimTokenInput {
  @Field(() => ID, { description: 'A SCIM group.' })
  groupId!: string;

  @Field(() => String, { description: 'Unique among the group\'s active tokens, e.g. "Okta production".' })
  @MaxLength(100)
  name!: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the token stops working; omit for never.' })
  expiresAt?: Date | null;
}

@InputType('RevokeScimTokenInput')
export class RevokeScimTokenInput {
  @Field(() => ID)
  id!: string;
}

@ObjectType('CreateScimTokenPayload')
export class CreateScimTokenPayload {
  @Field(() => String, { description: 'The token, to paste into the identity provider. Shown this once: it is not stored and cannot be shown again.' })
  token!: string;

  @Field(() => ScimTokenObject)
  scimToken!: ScimTokenObject;
}

@ObjectType('RevokeScimTokenPayload')
export class RevokeScimTokenPayload {
  @Field(() => ScimTokenObject)
  scimToken!: ScimTokenObject;
}

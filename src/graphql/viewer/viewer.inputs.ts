import { MaxLength } from 'class-validator';
import { Field, GraphQLISODateTime, InputType, ObjectType } from 'type-graphql';
import { ViewerObject } from './viewer.types.js';

@InputType('SignInInput')
export class SignInInput {
  @Field(() => String)
  @MaxLength(320)
  email!: string;

  @Field(() => String)
  @MaxLength(1024)
  password!: string;
}

@ObjectType('SignInPayload')
export class SignInPayload {
  @Field(() => String, {
    description: 'The session token. Browsers also get it as an HttpOnly cookie; API clients send it as `Authorization: Bearer <token>`. Shown this once.',
  })
  token!: string;

  @Field(() => GraphQLISODateTime)
  expiresAt!: Date;

  @Field(() => ViewerObject)
  viewer!: ViewerObject;
}

@ObjectType('SignOutPayload')
export class SignOutPayload {
  @Field(() => Boolean, { description: 'True: the session no longer works.' })
  signedOut!: boolean;
}

import { Field, GraphQLISODateTime, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ScimClient, ScimRejectionCode } from '../../domain/scim-connections/scim-connection.entity.js';
import type { ScimConnectionHealth } from '../../domain/scim-connections/scim-connection.service.js';
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

registerEnumType(ScimClient, {
  name: 'ScimClient',
  description: 'The identity provider a SCIM client looks like, from its User-Agent and request shapes.',
});

registerEnumType(ScimRejectionCode, {
  name: 'ScimRejectionCode',
  description: 'Why a SCIM request was refused for its credentials (the identity provider is told only 401 or 404).',
  valuesConfig: {
    MISSING_AUTHORIZATION: { description: 'No Authorization header.' },
    SCHEME_MISSING: { description: 'The token came without "Bearer " before it.' },
    SCHEME_DOUBLED: { description: '"Bearer Bearer <token>": the identity provider adds the scheme itself; paste the token alone.' },
    WRONG_SCHEME: { description: 'Another scheme than Bearer (Basic, …).' },
    MALFORMED_TOKEN: { description: 'Not a Roster SCIM token: cut short, mistyped, or something else pasted.' },
    UNKNOWN_TOKEN: { description: 'Shaped like a Roster SCIM token, but not one issued here (or its group was deleted).' },
    REVOKED_TOKEN: { description: "One of this group's tokens, revoked (`tokenName` says which)." },
    EXPIRED_TOKEN: { description: "One of this group's tokens, expired (`tokenName` says which)." },
    WRONG_URL: { description: "One of this group's valid tokens, sent to a URL that is not this group's SCIM URL (`path` says where)." },
  },
});

@ObjectType('ScimFailure', { description: 'The last SCIM request that failed, and exactly what it was told.' })
export class ScimFailureObject {
  @Field(() => GraphQLISODateTime)
  at!: Date;

  @Field(() => Int, { description: 'The HTTP status returned.' })
  status!: number;

  @Field(() => String, { nullable: true, description: 'The SCIM error `detail` returned.' })
  detail!: string | null;

  @Field(() => String, { nullable: true, description: 'The request id, to find it in the logs.' })
  requestId!: string | null;
}

@ObjectType('ScimRejectedAttempt', {
  description: "A request refused for its credentials on this group's SCIM URL, or made with one of this group's tokens elsewhere.",
})
export class ScimRejectedAttemptObject {
  @Field(() => GraphQLISODateTime)
  at!: Date;

  @Field(() => ScimRejectionCode)
  code!: ScimRejectionCode;

  @Field(() => String, { description: 'Why, in words, with what to change in the identity provider.' })
  reason!: string;

  @Field(() => String, { nullable: true, description: 'The last four characters of the token presented.' })
  tokenLastFour!: string | null;

  @Field(() => String, { nullable: true, description: "The token's name, when it is one of this group's (revoked, expired, wrong URL)." })
  tokenName!: string | null;

  @Field(() => String, { nullable: true, description: 'The path the request was sent to (WRONG_URL).' })
  path!: string | null;

  @Field(() => ScimClient, { nullable: true })
  client!: ScimClient | null;
}

@ObjectType('ScimConnection', { description: "Connection health: what the group's identity provider did last (troubleshooting)." })
export class ScimConnectionObject {
  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: "Last request made with one of this group's tokens (each instance writes what it answered once a second).",
  })
  lastRequestAt!: Date | null;

  @Field(() => ScimClient, { nullable: true, description: 'The identity provider it looks like.' })
  client!: ScimClient | null;

  @Field(() => String, { nullable: true })
  userAgent!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Last successful request.' })
  lastSuccessAt!: Date | null;

  @Field(() => ScimFailureObject, { nullable: true, description: 'Last failed request and the SCIM error it was given.' })
  lastFailure!: ScimFailureObject | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description:
      'When requests began failing: the first failed or refused request after the last success. Null when the last request succeeded or none has failed.',
  })
  failingSince!: Date | null;

  @Field(() => [ScimRejectedAttemptObject], { description: 'Recent requests refused for their token, newest first (at most 20).' })
  rejectedAttempts!: ScimRejectedAttemptObject[];
}

@ObjectType('GroupScim', { description: 'How an identity provider connects to a SCIM group.' })
export class GroupScimObject {
  @Field(() => String, { description: "This group's SCIM base URL, to paste into the identity provider (one per group; no `_` in it)." })
  baseUrl!: string;

  @Field(() => [ScimTokenObject], { description: 'Tokens of this group, newest first, revoked ones included.' })
  tokens!: ScimTokenObject[];

  @Field(() => ScimConnectionObject, { description: 'Connection health, for troubleshooting.' })
  connection!: ScimConnectionObject | PromiseLike<ScimConnectionObject>;
}

/** The domain's connection health as the GraphQL object (an empty one before the first request). */
export function toScimConnectionObject({ connection, rejectedAttempts }: ScimConnectionHealth): ScimConnectionObject {
  return {
    lastRequestAt: connection?.lastRequestAt ?? null,
    client: connection?.client ?? null,
    userAgent: connection?.userAgent ?? null,
    lastSuccessAt: connection?.lastSuccessAt ?? null,
    lastFailure: connection?.lastFailureAt
      ? {
          at: connection.lastFailureAt,
          status: connection.lastFailureStatus ?? 0,
          detail: connection.lastFailureDetail,
          requestId: connection.lastFailureRequestId,
        }
      : null,
    failingSince: connection?.failingSince ?? null,
    rejectedAttempts,
  };
}

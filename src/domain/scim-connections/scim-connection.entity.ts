import { BigIntType, Entity, Enum, Index, ManyToOne, OneToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
import { Group } from '../groups/group.entity.js';
import { Organization } from '../organizations/organization.entity.js';

/** Which identity provider a SCIM client looks like (from its User-Agent and request shapes). */
export enum ScimClient {
  OKTA = 'OKTA',
  ENTRA = 'ENTRA',
  ONELOGIN = 'ONELOGIN',
  JUMPCLOUD = 'JUMPCLOUD',
  OTHER = 'OTHER',
}

/**
 * Why a request was refused for its credentials. The identity provider gets the one identical 401
 * (or 404) whatever the reason; the group's admins see the precise one.
 */
export enum ScimRejectionCode {
  /** No Authorization header at all. */
  MISSING_AUTHORIZATION = 'MISSING_AUTHORIZATION',
  /** A token without the "Bearer " scheme before it. */
  SCHEME_MISSING = 'SCHEME_MISSING',
  /** "Bearer Bearer <token>": the identity provider adds the scheme and it was pasted as well. */
  SCHEME_DOUBLED = 'SCHEME_DOUBLED',
  /** Another scheme (Basic, …). */
  WRONG_SCHEME = 'WRONG_SCHEME',
  /** Not a Roster SCIM token: cut short, mistyped, or something else pasted. */
  MALFORMED_TOKEN = 'MALFORMED_TOKEN',
  /** Shaped like a Roster token, but not one this service issued (or its group is gone). */
  UNKNOWN_TOKEN = 'UNKNOWN_TOKEN',
  REVOKED_TOKEN = 'REVOKED_TOKEN',
  EXPIRED_TOKEN = 'EXPIRED_TOKEN',
  /** One of this group's tokens, sent to a URL that is not this group's SCIM URL (recorded on the token's group). */
  WRONG_URL = 'WRONG_URL',
}

/** A SCIM group's connection health: what the portal shows when an admin troubleshoots. */
@Entity({ tableName: 'scim_connection' })
@Index({ properties: ['organization'] })
export class ScimConnection {
  [OptionalProps]?:
    | 'lastRequestAt'
    | 'failingSince'
    | 'client'
    | 'userAgent'
    | 'lastSuccessAt'
    | 'lastFailureAt'
    | 'lastFailureStatus'
    | 'lastFailureDetail'
    | 'lastFailureRequestId';

  @OneToOne(() => Group, { primary: true, deleteRule: 'cascade', owner: true })
  group!: Rel<Group>;

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  /** Null while only refused requests have arrived. */
  @Property({ type: 'timestamptz', nullable: true })
  lastRequestAt: Date | null = null;

  @Enum({ items: () => ScimClient, type: 'text', nullable: true })
  client: ScimClient | null = null;

  @Property({ type: 'text', nullable: true })
  userAgent: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  lastSuccessAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  lastFailureAt: Date | null = null;

  @Property({ type: 'integer', nullable: true })
  lastFailureStatus: number | null = null;

  /** The SCIM error `detail` the client was given. */
  @Property({ type: 'text', nullable: true })
  lastFailureDetail: string | null = null;

  @Property({ type: 'text', nullable: true })
  lastFailureRequestId: string | null = null;

  /** The first failed or refused request after the last success; null while the last one succeeded. */
  @Property({ type: 'timestamptz', nullable: true })
  failingSince: Date | null = null;
}

/** A request refused on a group's SCIM URL because of its token (kept: the latest 20 per group). */
@Entity({ tableName: 'scim_rejected_attempt' })
@Index({ name: 'scim_rejected_attempt_group_id_index', properties: ['group', 'id'] })
export class ScimRejectedAttempt {
  [OptionalProps]?: 'at' | 'tokenLastFour' | 'tokenName' | 'path' | 'client';

  @PrimaryKey({ type: new BigIntType('string'), autoincrement: true })
  id!: string;

  @ManyToOne(() => Group, { deleteRule: 'cascade' })
  group!: Rel<Group>;

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at: Date = new Date();

  @Enum({ items: () => ScimRejectionCode, type: 'text' })
  code!: ScimRejectionCode;

  /** The reason in words, with what to fix. */
  @Property({ type: 'text' })
  reason!: string;

  /** The last four characters of what was presented, to tell which token an IdP is using. */
  @Property({ type: 'text', nullable: true })
  tokenLastFour: string | null = null;

  /** The token's name, when it is one of this group's (revoked, expired, or sent to the wrong URL). */
  @Property({ type: 'text', nullable: true })
  tokenName: string | null = null;

  /** The path requested, for WRONG_URL. */
  @Property({ type: 'text', nullable: true })
  path: string | null = null;

  @Enum({ items: () => ScimClient, type: 'text', nullable: true })
  client: ScimClient | null = null;
}

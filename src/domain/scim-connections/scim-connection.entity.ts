import { Entity, Enum, Index, ManyToOne, OneToOne, OptionalProps, PrimaryKey, Property, type Rel } from '@mikro-orm/core';
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

/** A SCIM group's connection health: what the portal shows when an admin troubleshoots. */
@Entity({ tableName: 'scim_connection' })
@Index({ properties: ['organization'] })
export class ScimConnection {
  [OptionalProps]?: 'client' | 'userAgent' | 'lastSuccessAt' | 'lastFailureAt' | 'lastFailureStatus' | 'lastFailureDetail' | 'lastFailureRequestId';

  @OneToOne(() => Group, { primary: true, deleteRule: 'cascade', owner: true })
  group!: Rel<Group>;

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @Property({ type: 'timestamptz' })
  lastRequestAt!: Date;

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
}

/** A request refused on a group's SCIM URL because of its token (kept: the latest 20 per group). */
@Entity({ tableName: 'scim_rejected_attempt' })
@Index({ name: 'scim_rejected_attempt_group_id_index', properties: ['group', 'id'] })
export class ScimRejectedAttempt {
  [OptionalProps]?: 'at' | 'tokenLastFour' | 'client';

  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Group, { deleteRule: 'cascade' })
  group!: Rel<Group>;

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  at: Date = new Date();

  /** Why: no token, not a Roster SCIM token, unknown/revoked/expired, or another group's token. */
  @Property({ type: 'text' })
  reason!: string;

  /** The last four characters of what was presented, to tell which token an IdP is using. */
  @Property({ type: 'text', nullable: true })
  tokenLastFour: string | null = null;

  @Enum({ items: () => ScimClient, type: 'text', nullable: true })
  client: ScimClient | null = null;
}

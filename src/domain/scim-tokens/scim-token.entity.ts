import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { Admin } from '../admins/admin.entity.js';
import { Group } from '../groups/group.entity.js';
import { Organization } from '../organizations/organization.entity.js';

/**
 * A bearer token an identity provider uses on one SCIM group. The secret is never stored: only its
 * SHA-256, looked up through the public id embedded in the token (see scim-token.format.ts).
 */
@Entity({ tableName: 'scim_token' })
@Index({ properties: ['group'] })
@Index({ properties: ['organization'] })
export class ScimToken {
  [OptionalProps]?: 'createdBy' | 'createdAt' | 'expiresAt' | 'lastUsedAt' | 'revokedAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => Group, { deleteRule: 'cascade' })
  group!: Rel<Group>;

  @Property({ type: 'text' })
  name!: string;

  @Unique({ name: 'scim_token_public_id_unique' })
  @Property({ type: 'text' })
  publicId!: string;

  @Property({ type: 'text', hidden: true })
  secretHash!: string;

  /** The last four characters of the token, so admins can tell tokens apart. */
  @Property({ type: 'text' })
  lastFour!: string;

  @ManyToOne(() => Admin, { nullable: true, deleteRule: 'set null' })
  createdBy: Rel<Admin> | null = null;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}

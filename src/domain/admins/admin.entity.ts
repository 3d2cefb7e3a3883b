import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { Organization } from '../organizations/organization.entity.js';
import { AdminRole } from '../shared/actor.js';

/** A person who manages an organization in the portal. Signs in by email, which is unique everywhere. */
@Entity({ tableName: 'admin' })
@Index({ properties: ['organization'] })
export class Admin {
  [OptionalProps]?: 'role' | 'createdAt' | 'emailKey';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @Property({ type: 'text' })
  email!: string;

  /** lower(email): the sign-in lookup key, unique. */
  @Unique({ name: 'admin_email_key_unique' })
  @Property({ type: 'text', generated: '(lower(email)) stored', lazy: true, hidden: true })
  emailKey?: string;

  /** scrypt parameters, salt and hash (src/domain/admins/password.ts); never leaves the service. */
  @Property({ type: 'text', hidden: true, lazy: true })
  passwordHash!: string;

  @Enum({ items: () => AdminRole, type: 'text' })
  role: AdminRole = AdminRole.ADMIN;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

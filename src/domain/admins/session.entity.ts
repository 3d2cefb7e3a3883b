import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { Admin } from './admin.entity.js';

/** A signed-in admin. The opaque token is only ever held by the client; we keep its SHA-256. */
@Entity({ tableName: 'session' })
@Index({ properties: ['admin'] })
export class Session {
  [OptionalProps]?: 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Admin, { deleteRule: 'cascade' })
  admin!: Rel<Admin>;

  @Unique({ name: 'session_token_hash_unique' })
  @Property({ type: 'text', hidden: true })
  tokenHash!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;
}

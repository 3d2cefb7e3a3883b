import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The table rate-limiter-flexible keeps its counters in (its own schema, declared here so the
 * migrator creates it and the limiter never runs DDL at start). Shared by every instance.
 */
@Entity({ tableName: 'rate_limit' })
export class RateLimit {
  [OptionalProps]?: 'points' | 'expire';

  @PrimaryKey({ type: 'string', length: 255 })
  key!: string;

  @Property({ type: 'integer', default: 0 })
  points: number = 0;

  @Property({ type: 'bigint', nullable: true })
  expire: string | null = null;
}

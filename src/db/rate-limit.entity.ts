import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Request counts per key and minute, summed over every instance (see shared-rate-limiter.ts):
 * `key` is `<prefix>:<key>:<minute>`, `expire` the epoch ms after which the row can be pruned.
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

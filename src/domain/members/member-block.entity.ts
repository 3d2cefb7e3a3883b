import { BigIntType, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * How many members each group has per block of 1,024 creation numbers (`member.seq >> 10`),
 * kept by triggers on `member` in the same transaction as every insert and delete. A group's
 * total is the sum of its rows, and the position of any startIndex is found by adding blocks
 * until it is reached — so a page at startIndex 999,901 of a million members costs what the first
 * does (no OFFSET over the rows before it, no count of every row).
 *
 * Each database session writes its own `shard` (its backend pid modulo 16), so concurrent creates
 * never wait on each other's counter row; a background job folds shards into shard 0.
 * No foreign key: a group's deletion removes its members (whose delete trigger writes here) and
 * then these rows.
 */
@Entity({ tableName: 'member_block' })
export class MemberBlock {
  @PrimaryKey({ type: 'uuid' })
  groupId!: string;

  @PrimaryKey({ type: new BigIntType('string') })
  block!: string;

  @PrimaryKey({ type: 'smallint' })
  shard!: number;

  @Property({ type: new BigIntType('string') })
  members!: string;
}

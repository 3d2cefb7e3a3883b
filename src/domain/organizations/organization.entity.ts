import { randomUUID } from 'node:crypto';
import { Entity, Enum, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

export enum OrganizationPlan {
  FREE = 'FREE',
  PRO = 'PRO',
}

/** The tenant: every other row belongs to exactly one organization. */
@Entity({ tableName: 'organization' })
export class Organization {
  [OptionalProps]?: 'plan' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'text' })
  name!: string;

  @Enum({ items: () => OrganizationPlan, type: 'text' })
  plan: OrganizationPlan = OrganizationPlan.FREE;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

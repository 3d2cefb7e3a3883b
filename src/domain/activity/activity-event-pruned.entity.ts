import { Entity, ManyToOne, PrimaryKeyProp, Property, type Rel } from '@mikro-orm/core';
import { Organization } from '../organizations/organization.entity.js';

/**
 * How far the retention job has pruned an organization's activity log: the feed position (txid,
 * event id) of the last event it deleted. A feed cursor before it may have missed pruned events,
 * so it is refused with the advice to resynchronise from the lists.
 */
@Entity({ tableName: 'activity_event_pruned' })
export class ActivityEventPruned {
  [PrimaryKeyProp]?: 'organization';

  @ManyToOne(() => Organization, { primary: true, deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @Property({ type: 'xid8' })
  txid!: string;

  @Property({ type: 'bigint' })
  eventId!: string;
}

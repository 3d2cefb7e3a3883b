import { Entity, Index, ManyToOne, OptionalProps, PrimaryKeyProp, Property, type Rel } from '@mikro-orm/core';
import { Group } from '../groups/group.entity.js';
import { Member } from '../members/member.entity.js';
import { Team } from './team.entity.js';

/**
 * One member in one team. The (team, member) primary key makes membership a set: adding twice is a
 * no-op (`on conflict do nothing`), and concurrent changes cannot lose each other's rows. The
 * group is stored too, so a team's and a member's group can be checked to be the same.
 */
@Entity({ tableName: 'team_membership' })
@Index({ properties: ['member'] })
export class TeamMembership {
  [OptionalProps]?: 'createdAt';

  [PrimaryKeyProp]?: ['team', 'member'];

  // The keys (group_id, team_id) → team and (group_id, member_id) → member hold all three
  // relations (migration tenant_scoped_keys): each membership row is checked twice, not five times.
  @ManyToOne(() => Team, { primary: true, deleteRule: 'cascade', createForeignKeyConstraint: false })
  team!: Rel<Team>;

  @ManyToOne(() => Member, { primary: true, deleteRule: 'cascade', createForeignKeyConstraint: false })
  member!: Rel<Member>;

  @ManyToOne(() => Group, { deleteRule: 'cascade', createForeignKeyConstraint: false })
  group!: Rel<Group>;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();
}

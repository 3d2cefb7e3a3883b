import { randomUUID } from 'node:crypto';
import { BigIntType, Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Rel, Unique } from '@mikro-orm/core';
import { Group } from '../groups/group.entity.js';
import { Organization } from '../organizations/organization.entity.js';
import type { Address, Manager, MultiValue } from './member.values.js';

/**
 * A person in a group: the SCIM User. Attributes that are filtered and sorted on are columns; the
 * multi-valued ones are JSONB arrays (queryable with jsonb_path operators for SCIM filters).
 */
@Entity({ tableName: 'member' })
@Unique({ name: 'member_group_user_name_unique', properties: ['group', 'userNameKey'] })
@Unique({ name: 'member_group_external_id_unique', properties: ['group', 'externalId'] })
@Index({ properties: ['organization'] })
// The SCIM list order (creation): pages are found on this narrow index before any row is read.
@Index({ name: 'member_group_seq_index', properties: ['group', 'seq'] })
export class Member {
  [OptionalProps]?:
    | 'externalId'
    | 'givenName'
    | 'familyName'
    | 'middleName'
    | 'honorificPrefix'
    | 'honorificSuffix'
    | 'formattedName'
    | 'displayName'
    | 'nickName'
    | 'profileUrl'
    | 'title'
    | 'userType'
    | 'preferredLanguage'
    | 'locale'
    | 'timezone'
    | 'active'
    | 'emails'
    | 'phoneNumbers'
    | 'addresses'
    | 'employeeNumber'
    | 'costCenter'
    | 'enterpriseOrganization'
    | 'division'
    | 'department'
    | 'manager'
    | 'extensions'
    | 'otherAttributes'
    | 'version'
    | 'createdAt'
    | 'updatedAt'
    | 'userNameKey'
    | 'seq';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  // The tenant-scoped key (organization_id, group_id) → group (organization_id, id) holds both
  // relations (migration tenant_scoped_keys); single-column keys would check them again on every insert.
  @ManyToOne(() => Organization, { deleteRule: 'cascade', createForeignKeyConstraint: false })
  organization!: Rel<Organization>;

  @ManyToOne(() => Group, { deleteRule: 'cascade', createForeignKeyConstraint: false })
  group!: Rel<Group>;

  @Property({ type: 'text' })
  userName!: string;

  /** lower(userName): uniqueness per group (userName is not case-exact, RFC 7643 §4.1.1) and sort key. */
  @Property({ type: 'text', generated: '(lower(user_name)) stored' })
  userNameKey?: string;

  /** The identity provider's own id for the person; unique per group when present (NULLs never clash). */
  @Property({ type: 'text', nullable: true })
  externalId: string | null = null;

  @Property({ type: 'text', nullable: true })
  givenName: string | null = null;

  @Property({ type: 'text', nullable: true })
  familyName: string | null = null;

  @Property({ type: 'text', nullable: true })
  middleName: string | null = null;

  @Property({ type: 'text', nullable: true })
  honorificPrefix: string | null = null;

  @Property({ type: 'text', nullable: true })
  honorificSuffix: string | null = null;

  @Property({ type: 'text', nullable: true })
  formattedName: string | null = null;

  @Property({ type: 'text', nullable: true })
  displayName: string | null = null;

  @Property({ type: 'text', nullable: true })
  nickName: string | null = null;

  @Property({ type: 'text', nullable: true })
  profileUrl: string | null = null;

  @Property({ type: 'text', nullable: true })
  title: string | null = null;

  @Property({ type: 'text', nullable: true })
  userType: string | null = null;

  @Property({ type: 'text', nullable: true })
  preferredLanguage: string | null = null;

  @Property({ type: 'text', nullable: true })
  locale: string | null = null;

  @Property({ type: 'text', nullable: true })
  timezone: string | null = null;

  /** Deactivated members stay readable and listed; deleting removes them. */
  @Property({ type: 'boolean', default: true })
  active: boolean = true;

  @Property({ type: 'jsonb', default: '[]' })
  emails: MultiValue[] = [];

  @Property({ type: 'jsonb', default: '[]' })
  phoneNumbers: MultiValue[] = [];

  @Property({ type: 'jsonb', default: '[]' })
  addresses: Address[] = [];

  @Property({ type: 'text', nullable: true })
  employeeNumber: string | null = null;

  @Property({ type: 'text', nullable: true })
  costCenter: string | null = null;

  /** The enterprise extension's `organization` (a name, not our tenant). */
  @Property({ type: 'text', nullable: true, fieldName: 'enterprise_organization' })
  enterpriseOrganization: string | null = null;

  @Property({ type: 'text', nullable: true })
  division: string | null = null;

  @Property({ type: 'text', nullable: true })
  department: string | null = null;

  @Property({ type: 'jsonb', nullable: true })
  manager: Manager | null = null;

  @Property({ type: 'jsonb', default: '{}' })
  extensions: Record<string, unknown> = {};

  @Property({ type: 'jsonb', default: '{}' })
  otherAttributes: Record<string, unknown> = {};

  /** Bumped by the service on every change: the SCIM ETag (`W/"<version>"`). */
  @Property({ type: 'integer', default: 1 })
  version: number = 1;

  /**
   * Creation order, from one sequence: the SCIM list order, and the key of the member blocks that
   * turn a startIndex into a position on the index without counting the rows before it
   * (member-block.entity.ts).
   */
  @Property({ type: new BigIntType('string'), defaultRaw: "nextval('member_seq')" })
  seq?: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

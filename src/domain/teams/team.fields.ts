import type { FieldCatalogue } from '../shared/condition.js';

/** Every team field a query may test. `members` is "some membership row has this member id". */
export const teamFields: FieldCatalogue = {
  id: { kind: 'scalar', sql: (a) => `${a}.id`, type: 'uuid', caseExact: true },
  displayName: { kind: 'scalar', sql: (a) => `${a}.display_name_key`, type: 'text', lowered: true },
  externalId: { kind: 'scalar', sql: (a) => `${a}.external_id`, type: 'text', caseExact: true },
  createdAt: { kind: 'scalar', sql: (a) => `${a}.created_at`, type: 'datetime' },
  updatedAt: { kind: 'scalar', sql: (a) => `${a}.updated_at`, type: 'datetime' },
  members: {
    kind: 'multi',
    from: (row, element) => `(select tm.member_id::text as value from team_membership tm where tm.team_id = ${row}.id) as ${element}`,
    fields: { value: { kind: 'scalar', sql: (a) => `${a}.value`, type: 'text', caseExact: true } },
    defaultField: 'value',
  },
};

export const teamSortFields: Readonly<Record<string, (alias: string) => string>> = {
  displayName: (a) => `${a}.display_name_key`,
  externalId: (a) => `${a}.external_id`,
  createdAt: (a) => `${a}.created_at`,
  updatedAt: (a) => `${a}.updated_at`,
};

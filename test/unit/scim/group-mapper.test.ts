import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TeamRecord } from '../../../src/domain/teams/team.record.js';
import { fromScimGroup, toScimGroup } from '../../../src/scim/groups/group.mapper.js';
import { ScimError } from '../../../src/scim/scim-error.js';

const sample = JSON.parse(readFileSync(new URL('../../fixtures/scim/rfc7643-8.4-group.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('SCIM Group mapper (RFC 7643 §8.4)', () => {
  it('round-trips displayName and members; ids and meta are ours', () => {
    const body = fromScimGroup(sample);
    expect(body).toEqual({
      displayName: 'Tour Guides',
      externalId: null,
      memberIds: ['2819c223-7f76-453a-919d-413861904646', '902c246b-6245-4190-8e05-00816be7344a'],
    });
    const team: TeamRecord = {
      id: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
      organizationId: '7d4b5b38-0000-4000-8000-000000000001',
      groupId: '7d4b5b38-0000-4000-8000-000000000002',
      displayName: body.displayName,
      displayNameKey: body.displayName.toLowerCase(),
      externalId: body.externalId,
      version: 1,
      createdAt: new Date('2026-11-28T12:00:00Z'),
      updatedAt: new Date('2026-11-28T12:00:00Z'),
    };
    const rendered = toScimGroup(team, {
      location: 'https://roster.example.com/scim/v2/g/Groups/e9e30dba-f08f-4109-8486-d5c6a331660a',
      usersUrl: 'https://roster.example.com/scim/v2/g/Users',
      members: [
        { id: '2819c223-7f76-453a-919d-413861904646', userName: 'bjensen@example.com' },
        { id: '902c246b-6245-4190-8e05-00816be7344a', userName: 'mpepperidge@example.com' },
      ],
    });
    expect(rendered).toMatchObject({ schemas: sample.schemas, id: sample.id, displayName: 'Tour Guides', meta: { resourceType: 'Group', version: 'W/"1"' } });
    expect((rendered.members as { value: string; $ref: string }[]).map((m) => [m.value, m.$ref])).toEqual([
      ['2819c223-7f76-453a-919d-413861904646', 'https://roster.example.com/scim/v2/g/Users/2819c223-7f76-453a-919d-413861904646'],
      ['902c246b-6245-4190-8e05-00816be7344a', 'https://roster.example.com/scim/v2/g/Users/902c246b-6245-4190-8e05-00816be7344a'],
    ]);
  });

  it("accepts Entra's members with $ref null and refuses members without a value", () => {
    expect(fromScimGroup({ displayName: 'x', members: [{ $ref: null, value: 'abc' }] }).memberIds).toEqual(['abc']);
    expect(() => fromScimGroup({ displayName: 'x', members: [{ display: 'no id' }] })).toThrow(ScimError);
    expect(() => fromScimGroup({ members: [] })).toThrow('"displayName" is required');
  });
});

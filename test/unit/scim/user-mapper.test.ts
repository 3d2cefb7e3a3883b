import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { blankMemberState, type MemberRecord } from '../../../src/domain/members/member.record.js';
import { applyMemberAttributes, normalizeMemberAttributes } from '../../../src/domain/members/member.rules.js';
import { ScimError } from '../../../src/scim/scim-error.js';
import { fromScimUser, toScimUser } from '../../../src/scim/users/user.mapper.js';

const sample = JSON.parse(readFileSync(new URL('../../fixtures/scim/rfc7643-8.2-full-user.json', import.meta.url), 'utf8')) as Record<string, unknown>;

function roundTrip(body: Record<string, unknown>): Record<string, unknown> {
  const state = blankMemberState('');
  applyMemberAttributes(state, normalizeMemberAttributes(fromScimUser(body)));
  const member: MemberRecord = {
    ...state,
    id: '2819c223-7f76-453a-919d-413861904646',
    organizationId: '7d4b5b38-0000-4000-8000-000000000001',
    groupId: '7d4b5b38-0000-4000-8000-000000000002',
    userNameKey: state.userName.toLowerCase(),
    version: 1,
    createdAt: new Date('2026-11-28T12:00:00Z'),
    updatedAt: new Date('2026-11-28T12:00:00Z'),
  };
  return toScimUser(member, {
    location: 'https://roster.example.com/scim/v2/g/Users/2819c223-7f76-453a-919d-413861904646',
    groupsUrl: 'https://roster.example.com/scim/v2/g/Groups',
  });
}

describe('SCIM User mapper (RFC 7643 §8.2 full representation)', () => {
  it('round-trips every attribute except the read-only ones we issue and the password', () => {
    const { password: _password, meta: _meta, ...expected } = sample;
    const rendered = roundTrip(sample);
    expect({ ...rendered, meta: undefined }).toEqual({ ...expected, meta: undefined });
    expect(rendered.password).toBeUndefined();
    expect(rendered.meta).toMatchObject({ resourceType: 'User', location: expect.stringContaining('/Users/2819c223'), version: 'W/"1"' });
  });

  it('keeps unknown extension schemas as sent, attribute names with dots included', () => {
    const custom = { 'urn:example:params:scim:schemas:extension:acme:1.0:User': { 'badge.number': '7', floors: [3, 4] } };
    const rendered = roundTrip({ userName: 'x', ...custom });
    expect(rendered['urn:example:params:scim:schemas:extension:acme:1.0:User']).toEqual(custom['urn:example:params:scim:schemas:extension:acme:1.0:User']);
    expect(rendered.schemas).toContain('urn:example:params:scim:schemas:extension:acme:1.0:User');
  });

  it("reads Entra's string booleans and bare manager ids, and attribute names in any case", () => {
    const rendered = roundTrip({
      UserName: 'y',
      ACTIVE: 'False',
      emails: [{ value: 'y@x', primary: 'True' }],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { manager: 'boss-id' },
    });
    expect(rendered).toMatchObject({
      userName: 'y',
      active: false,
      emails: [{ value: 'y@x', primary: true }],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { manager: { value: 'boss-id' } },
    });
  });

  it('finds every attribute whatever its letter case: nested, kept core attributes and schema URNs too', () => {
    const rendered = roundTrip({
      externalid: 'ext-1',
      userName: 'z',
      NAME: { GIVENNAME: 'Zoe', familyname: 'Zed' },
      DisplayName: 'Zoe Zed',
      Emails: [{ VALUE: 'z@x', Type: 'work' }],
      ROLES: [{ value: 'admin' }],
      'URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER': { EmployeeNumber: '42', Manager: { Value: 'boss-id' } },
    });
    expect(rendered).toMatchObject({
      externalId: 'ext-1',
      name: { givenName: 'Zoe', familyName: 'Zed' },
      displayName: 'Zoe Zed',
      emails: [{ value: 'z@x', type: 'work' }],
      roles: [{ value: 'admin' }],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { employeeNumber: '42', manager: { value: 'boss-id' } },
    });
    // The enterprise schema is read as such, not kept as an unknown extension.
    expect(Object.keys(rendered).filter((key) => key.startsWith('URN:'))).toEqual([]);
  });

  it.each([
    [{}, '"userName" is required, as a non-empty string.'],
    [{ userName: 'x', emails: 'x@y' }, '"emails" must be an array.'],
    [{ userName: 'x', active: 'sometimes' }, '"active" must be true or false.'],
    [{ userName: 'x', name: 'Ada' }, '"name" must be an object.'],
    [{ userName: 'x', title: { a: 1 } }, '"title" must be a string.'],
  ])('refuses %j: %s', (body, detail) => {
    expect(() => fromScimUser(body)).toThrow(new ScimError(400, detail, 'invalidValue'));
  });
});

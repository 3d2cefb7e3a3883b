import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyPatch } from '../../../src/scim/patch/patch.js';
import { ScimError } from '../../../src/scim/scim-error.js';
import { userResource } from '../../../src/scim/users/user.routes.js';

const fixtures = JSON.parse(readFileSync(new URL('../../fixtures/scim/user-patch.cases.json', import.meta.url), 'utf8')) as {
  cases: { name: string; patch: Record<string, unknown>; expect: Record<string, unknown> }[];
  errors: { name: string; patch: Record<string, unknown>; scimType: string; detail?: string }[];
};

const ada = () => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: '2819c223-7f76-453a-919d-413861904646',
  userName: 'ada@example.com',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
  active: true,
  meta: { resourceType: 'User', version: 'W/"1"' },
});

describe('SCIM PATCH engine (RFC 7644 §3.5.2, as Okta and Entra send it)', () => {
  it.each(fixtures.cases)('$name', ({ patch, expect: expected }) => {
    const result = applyPatch(ada(), patch, userResource);
    expect(result).toMatchObject(expected);
    expect(result.meta).toBeUndefined();
  });

  it.each(fixtures.errors)('refuses: $name', ({ patch, scimType, detail }) => {
    let thrown: unknown;
    try {
      applyPatch(ada(), patch, userResource);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ScimError);
    expect(thrown).toMatchObject({ status: 400, scimType, ...(detail ? { detail } : {}) });
  });

  it('never touches Object.prototype, whatever the path', () => {
    for (const path of ['__proto__', 'constructor', 'name.__proto__', 'emails[type eq "work"].__proto__']) {
      expect(() => applyPatch(ada(), { Operations: [{ op: 'add', path, value: { polluted: true } }] }, userResource)).toThrow(ScimError);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('leaves the input untouched and fails whole: a bad second operation undoes the first', () => {
    const input = ada();
    expect(() =>
      applyPatch(
        input,
        {
          Operations: [
            { op: 'replace', path: 'title', value: 'Countess' },
            { op: 'replace', path: 'nope', value: 1 },
          ],
        },
        userResource,
      ),
    ).toThrow(/Operations\[1\]/);
    expect(input).toEqual(ada());
  });
});

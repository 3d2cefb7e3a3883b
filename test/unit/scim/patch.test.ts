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

  describe('a path that is a schema URN itself (RFC 7644 §3.5.2, §3.10)', () => {
    const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    const patch = (op: string, path: string, value?: unknown) => ({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op, path, ...(value === undefined ? {} : { value }) }],
    });

    it.each([['add'], ['replace'], ['Replace']])('%s sets the extension given as a whole object, keeping its other attributes', (op) => {
      const before = { ...ada(), [enterprise]: { employeeNumber: '7', costCenter: 'C1' } };
      const result = applyPatch(before, patch(op, enterprise, { employeeNumber: '42', department: 'R&D' }), userResource);
      expect(result[enterprise]).toEqual({ employeeNumber: '42', costCenter: 'C1', department: 'R&D' });
      // No bogus schema "…:enterprise:2.0" holding an attribute "User".
      expect(Object.keys(result).filter((key) => key.startsWith('urn:'))).toEqual([enterprise]);
    });

    it('takes the URN in any letter case', () => {
      const result = applyPatch(ada(), patch('add', enterprise.toUpperCase(), { department: 'R&D' }), userResource);
      expect(result[enterprise]).toEqual({ department: 'R&D' });
      expect(Object.keys(result).filter((key) => key.startsWith('urn:'))).toEqual([enterprise]);
    });

    it('removes the whole extension', () => {
      const before = { ...ada(), [enterprise]: { employeeNumber: '7' } };
      const result = applyPatch(before, patch('remove', enterprise), userResource);
      expect(Object.keys(result).filter((key) => key.startsWith('urn:'))).toEqual([]);
    });

    it('reads the core schema URN as the resource itself, and refuses to remove it', () => {
      const result = applyPatch(ada(), patch('replace', 'urn:ietf:params:scim:schemas:core:2.0:User', { displayName: 'Countess' }), userResource);
      expect(result.displayName).toBe('Countess');
      expect(() => applyPatch(ada(), patch('remove', 'urn:ietf:params:scim:schemas:core:2.0:User'), userResource)).toThrow(
        expect.objectContaining({ status: 400, scimType: 'invalidPath' }),
      );
    });

    it('refuses a value that is not the schema object', () => {
      expect(() => applyPatch(ada(), patch('add', enterprise, 'R&D'), userResource)).toThrow(
        expect.objectContaining({ status: 400, scimType: 'invalidValue' }),
      );
    });

    it('still reads URN-qualified attributes and sub-attributes of the extension', () => {
      const result = applyPatch(ada(), patch('add', `${enterprise}:manager.value`, 'boss-id'), userResource);
      expect(result[enterprise]).toEqual({ manager: { value: 'boss-id' } });
    });
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

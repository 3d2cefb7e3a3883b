import { describe, expect, it } from 'vitest';
import { extensionTitle, scimAttributeSections } from './scim-attributes';

const custom = 'urn:ietf:params:scim:schemas:extension:CustomExtensionName:2.0:User';

describe("a member's other SCIM attributes in words", () => {
  it('names an extension by the part after "extension", and shows other URNs whole', () => {
    expect(extensionTitle(custom)).toBe('CustomExtensionName');
    expect(extensionTitle('urn:okta:onelogin:custom')).toBe('urn:okta:onelogin:custom');
  });

  it('gives each extension a section with its nested attributes as dotted paths, core attributes last', () => {
    const sections = scimAttributeSections([
      { name: 'entitlements', value: [{ value: 'vpn', primary: true }] },
      { name: custom, value: { badgeNumber: '4711', building: { code: 'B2', floor: 3 }, tags: ['a', 'b'], retired: null } },
    ]);
    expect(sections).toEqual([
      {
        title: 'CustomExtensionName',
        schema: custom,
        rows: [
          ['badgeNumber', '4711'],
          ['building.code', 'B2'],
          ['building.floor', '3'],
          ['tags', '["a","b"]'],
          ['retired', '—'],
        ],
      },
      { title: 'Other core attributes', schema: null, rows: [['entitlements', 'vpn (primary)']] },
    ]);
  });

  it('shows an extension whose value is not an object as one row', () => {
    expect(scimAttributeSections([{ name: custom, value: 'flat' }])[0]?.rows).toEqual([['value', 'flat']]);
  });

  it('has no section when there is nothing beyond the modelled attributes', () => {
    expect(scimAttributeSections([])).toEqual([]);
  });
});

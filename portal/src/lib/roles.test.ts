import { describe, expect, it } from 'vitest';
import { canChange } from './roles';

describe('what a role may change', () => {
  it('offers changes to owners and admins, not to viewers', () => {
    expect(canChange('OWNER')).toBe(true);
    expect(canChange('ADMIN')).toBe(true);
    expect(canChange('VIEWER')).toBe(false);
  });
});

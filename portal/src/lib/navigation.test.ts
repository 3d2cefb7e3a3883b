import { describe, expect, it } from 'vitest';
import { safeNext, signInLink } from './navigation';

describe('where sign-in sends the admin back to', () => {
  it.each([
    ['/groups/g-1/scim', '/groups/g-1/scim'],
    ['/groups?x=1', '/groups?x=1'],
    [null, '/groups'],
    ['', '/groups'],
    ['https://evil.example/', '/groups'],
    ['//evil.example/', '/groups'],
    ['/\\evil.example', '/groups'],
    ['/\t/evil.example', '/groups'],
    ['/sign-in?next=/groups', '/groups'],
    ['groups', '/groups'],
  ])('%j → %j', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });

  it('links to sign-in with the page to come back to, and the reason when the session ran out', () => {
    expect(signInLink({ pathname: '/groups/g-1/members', search: '?q=a' }, true)).toBe('/sign-in?next=%2Fgroups%2Fg-1%2Fmembers%3Fq%3Da&reason=expired');
    expect(signInLink({ pathname: '/groups', search: '' }, false)).toBe('/sign-in?next=%2Fgroups');
  });
});

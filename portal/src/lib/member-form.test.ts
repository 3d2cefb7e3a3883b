import { describe, expect, it } from 'vitest';
import { createInput, emptyMember, formFieldOf, memberToForm, updateInput, validateMember } from './member-form';

const ada = { ...emptyMember, userName: 'ada@example.com', givenName: 'Ada', email: 'ada@example.com' };

describe('the member form', () => {
  it('requires a userName and a plausible email, within the API’s limits', () => {
    expect(validateMember(ada)).toEqual({});
    expect(validateMember({ ...ada, userName: '  ' })).toEqual({ userName: 'A userName is required (usually the sign-in email).' });
    expect(validateMember({ ...ada, email: 'ada at example' })).toEqual({ email: 'An email address looks like name@example.com.' });
    expect(validateMember({ ...ada, userName: 'x'.repeat(257) })).toEqual({ userName: 'At most 256 characters (this is 257).' });
  });

  it('creates with the filled fields only, the email as the primary work email', () => {
    expect(createInput('g-1', { ...ada, title: ' ' })).toEqual({
      groupId: 'g-1',
      userName: 'ada@example.com',
      givenName: 'Ada',
      familyName: undefined,
      displayName: undefined,
      title: undefined,
      department: undefined,
      employeeNumber: undefined,
      externalId: undefined,
      emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
    });
  });

  it('updates only what changed: an emptied field is null, the primary email replaced, the others kept', () => {
    const emails = [
      { value: 'ada@example.com', type: 'work', primary: true },
      { value: 'ada@home.example', type: 'home', primary: false },
    ];
    expect(updateInput('m-1', 3, ada, { ...ada, givenName: '', title: 'CTO' }, emails)).toEqual({
      id: 'm-1',
      expectedVersion: 3,
      givenName: null,
      title: 'CTO',
    });
    expect(updateInput('m-1', 3, ada, { ...ada, email: 'lovelace@example.com' }, emails)).toEqual({
      id: 'm-1',
      expectedVersion: 3,
      emails: [
        { value: 'lovelace@example.com', type: 'work', primary: true },
        { value: 'ada@home.example', type: 'home', primary: false },
      ],
    });
    expect(updateInput('m-1', 3, ada, ada, emails)).toEqual({ id: 'm-1', expectedVersion: 3 });
  });

  it('reads a member into the form and maps server fields onto it', () => {
    const form = memberToForm({
      userName: 'ada@example.com',
      externalId: null,
      displayName: null,
      title: null,
      name: { givenName: 'Ada', familyName: null },
      emails: [{ value: 'ada@example.com', primary: true }],
      enterprise: { department: null, employeeNumber: null },
    });
    expect(form).toEqual(ada);
    expect(formFieldOf('userName')).toBe('userName');
    expect(formFieldOf('emails[0].value')).toBe('email');
    expect(formFieldOf('phoneNumbers')).toBeNull();
  });
});

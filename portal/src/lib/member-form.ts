/**
 * The member form of STANDARD groups: what it edits, how it checks input before sending it, and
 * which fields an edit sends (only the changed ones; an emptied field is cleared with null, as
 * UpdateMemberInput says). The server checks everything again; these checks only save a round trip.
 */
export const memberFields = ['userName', 'givenName', 'familyName', 'displayName', 'title', 'email', 'department', 'employeeNumber', 'externalId'] as const;
export type MemberField = (typeof memberFields)[number];
export type MemberFormValues = Record<MemberField, string>;

export const memberFieldLabels: Record<MemberField, string> = {
  userName: 'userName',
  givenName: 'Given name',
  familyName: 'Family name',
  displayName: 'Display name',
  title: 'Title',
  email: 'Work email',
  department: 'Department',
  employeeNumber: 'Employee number',
  externalId: 'External id',
};

/** The API's limits (CreateMemberInput): userName 256, every other text 1024. */
const maxLength: Record<MemberField, number> = {
  userName: 256,
  externalId: 1024,
  givenName: 1024,
  familyName: 1024,
  displayName: 1024,
  title: 1024,
  email: 1024,
  department: 1024,
  employeeNumber: 1024,
};

export const emptyMember: MemberFormValues = Object.fromEntries(memberFields.map((f) => [f, ''])) as MemberFormValues;

/** A member as read (member.graphql), as form values. */
export function memberToForm(member: {
  userName: string;
  externalId: string | null;
  displayName: string | null;
  title: string | null;
  name: { givenName: string | null; familyName: string | null };
  emails: readonly { value: string; primary: boolean | null }[];
  enterprise: { department: string | null; employeeNumber: string | null };
}): MemberFormValues {
  const primary = member.emails.find((e) => e.primary) ?? member.emails[0];
  return {
    userName: member.userName,
    givenName: member.name.givenName ?? '',
    familyName: member.name.familyName ?? '',
    displayName: member.displayName ?? '',
    title: member.title ?? '',
    email: primary?.value ?? '',
    department: member.enterprise.department ?? '',
    employeeNumber: member.enterprise.employeeNumber ?? '',
    externalId: member.externalId ?? '',
  };
}

/** Problems by field; empty when the form may be sent. */
export function validateMember(values: MemberFormValues): Partial<Record<MemberField, string>> {
  const problems: Partial<Record<MemberField, string>> = {};
  if (values.userName.trim() === '') problems.userName = 'A userName is required (usually the sign-in email).';
  for (const field of memberFields) {
    const length = values[field].trim().length;
    if (length > maxLength[field]) problems[field] ??= `At most ${maxLength[field]} characters (this is ${length}).`;
  }
  const email = values.email.trim();
  if (email !== '' && !/^[^\s@]+@[^\s@]+$/.test(email)) problems.email ??= 'An email address looks like name@example.com.';
  return problems;
}

const text = (value: string) => (value.trim() === '' ? undefined : value.trim());

/** CreateMemberInput from the form (empty fields left out). */
export function createInput(groupId: string, values: MemberFormValues) {
  const email = text(values.email);
  return {
    groupId,
    userName: values.userName.trim(),
    givenName: text(values.givenName),
    familyName: text(values.familyName),
    displayName: text(values.displayName),
    title: text(values.title),
    department: text(values.department),
    employeeNumber: text(values.employeeNumber),
    externalId: text(values.externalId),
    ...(email ? { emails: [{ value: email, type: 'work', primary: true }] } : {}),
  };
}

/**
 * UpdateMemberInput from what changed: unchanged fields are left out, emptied ones are null. The
 * primary email is replaced; the member's other emails are kept.
 */
export function updateInput(
  id: string,
  version: number,
  before: MemberFormValues,
  after: MemberFormValues,
  emails: readonly { value: string; type: string | null; primary: boolean | null }[],
) {
  const changed: Record<string, unknown> = {};
  for (const field of memberFields) {
    if (field === 'email' || after[field].trim() === before[field].trim()) continue;
    changed[field] = field === 'userName' ? after.userName.trim() : (text(after[field]) ?? null);
  }
  if (after.email.trim() !== before.email.trim()) {
    const others = emails.filter((e) => !e.primary && e.value !== before.email.trim()).map((e) => ({ value: e.value, type: e.type, primary: false }));
    const email = text(after.email);
    changed.emails = [...(email ? [{ value: email, type: 'work', primary: true }] : []), ...others];
  }
  return { id, expectedVersion: version, ...changed };
}

/** A server field name (`emails[0].value`, `userName`) as the form's field, when the form has it. */
export function formFieldOf(serverField: string): MemberField | null {
  if (serverField.startsWith('emails')) return 'email';
  return (memberFields as readonly string[]).includes(serverField) ? (serverField as MemberField) : null;
}

import * as AlertDialog from '@radix-ui/react-alert-dialog';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { request } from '../../api/graphql-client';
import { DeleteMemberDocument, MemberDocument, SetMemberActiveDocument, UpdateMemberDocument, type MemberQuery } from '../../gql/graphql';
import { formatTime, formatValue, personName } from '../../lib/format';
import { memberToForm, updateInput } from '../../lib/member-form';
import { scimAttributeSections } from '../../lib/scim-attributes';
import { ActiveBadge } from '../../ui/badges';
import { Empty, ErrorMessage, Loading } from '../../ui/states';
import styles from '../../ui/ui.module.css';
import { ActivityList } from '../group/activity-list';
import groupStyles from '../group/group.module.css';
import { MemberFormDialog } from './member-form.dialog';

type Member = NonNullable<MemberQuery['member']>;

/** One member with every attribute (the enterprise ones too) and its teams; STANDARD groups' members can be edited here. */
export function MemberPage() {
  const { groupId = '', memberId = '' } = useParams();
  const member = useQuery({ queryKey: ['member', memberId], queryFn: () => request(MemberDocument, { id: memberId }).then((data) => data.member) });
  if (member.error) return <ErrorMessage error={member.error} title="The member could not be loaded." />;
  if (member.isPending) return <Loading what="the member" />;
  const m = member.data;
  if (!m || m.group.id !== groupId) {
    return (
      <Empty>
        There is no such member in this group (it may have been deleted). <Link to={`/groups/${groupId}/members`}>Back to the members</Link>
      </Empty>
    );
  }
  const editable = m.group.kind === 'STANDARD';
  return (
    <>
      <p className={groupStyles.breadcrumb}>
        <Link to="/groups">Groups</Link> › <Link to={`/groups/${m.group.id}/members`}>{m.group.name}</Link> › {m.userName}
      </p>
      <div className={groupStyles.heading}>
        <h1>{m.userName}</h1>
        <ActiveBadge active={m.active} />
      </div>
      {editable ? <MemberActions member={m} /> : <p className={styles.notice}>The identity provider manages this member: it is read-only here.</p>}
      <Attributes member={m} />
    </>
  );
}

function MemberActions({ member }: { member: Member }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['member', member.id] });
    await queryClient.invalidateQueries({ queryKey: ['group', member.group.id] });
  };
  const setActive = useMutation({
    mutationFn: () => request(SetMemberActiveDocument, { input: { id: member.id, active: !member.active, expectedVersion: member.version } }),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () => request(DeleteMemberDocument, { input: { id: member.id, expectedVersion: member.version } }),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: ['member', member.id] });
      await queryClient.invalidateQueries({ queryKey: ['group', member.group.id] });
      void navigate(`/groups/${member.group.id}/members`, { replace: true });
    },
  });
  const form = memberToForm(member);
  return (
    <div className={styles.toolbar}>
      <div className={styles.inline}>
        <MemberFormDialog
          title={`Edit ${member.userName}`}
          trigger={
            <button type="button" className={styles.button}>
              Edit
            </button>
          }
          initial={form}
          submitLabel="Save changes"
          groupId={member.group.id}
          send={(values) => request(UpdateMemberDocument, { input: updateInput(member.id, member.version, form, values, member.emails) })}
        />
        <button type="button" className={styles.secondary} disabled={setActive.isPending} onClick={() => setActive.mutate()}>
          {member.active ? 'Deactivate' : 'Reactivate'}
        </button>
        <AlertDialog.Root onOpenChange={() => remove.reset()}>
          <AlertDialog.Trigger asChild>
            <button type="button" className={styles.danger}>
              Delete
            </button>
          </AlertDialog.Trigger>
          <AlertDialog.Portal>
            <AlertDialog.Overlay className={styles.overlay} />
            <AlertDialog.Content className={styles.dialog}>
              <AlertDialog.Title className={styles.dialogTitle}>Delete {member.userName}?</AlertDialog.Title>
              <AlertDialog.Description>The member and its team memberships are removed. Deactivate instead to keep them listed.</AlertDialog.Description>
              {remove.error ? <ErrorMessage error={remove.error} title="Not deleted." /> : null}
              <div className={styles.dialogActions}>
                <AlertDialog.Cancel asChild>
                  <button type="button" className={styles.secondary}>
                    Cancel
                  </button>
                </AlertDialog.Cancel>
                <button type="button" className={styles.danger} disabled={remove.isPending} onClick={() => remove.mutate()}>
                  Delete member
                </button>
              </div>
            </AlertDialog.Content>
          </AlertDialog.Portal>
        </AlertDialog.Root>
      </div>
      {setActive.error ? <ErrorMessage error={setActive.error} title="Not changed." /> : null}
    </div>
  );
}

/** Label → value rows; empty values say so. */
function Facts({ rows }: { rows: readonly (readonly [string, string | null | undefined])[] }) {
  return (
    <dl className={styles.facts}>
      {rows.map(([label, value]) => (
        <FactRow key={label} label={label} value={value} />
      ))}
    </dl>
  );
}
function FactRow({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{value ? value : <span className={styles.muted}>—</span>}</dd>
    </>
  );
}

/** Custom schema extensions (an Entra ID or Okta extension) and other core SCIM attributes, as the identity provider sent them. */
function OtherScimAttributes({ member }: { member: Member }) {
  const sections = scimAttributeSections(member.otherScimAttributes);
  return sections.map((section, index) => (
    <section key={section.schema ?? 'core'} className={styles.section} aria-labelledby={`scim-attributes-${index}`}>
      <h2 id={`scim-attributes-${index}`} className={styles.sectionTitle}>
        {section.title}
      </h2>
      {section.schema && <p className={`${styles.muted} ${styles.breakAnywhere}`}>{section.schema}</p>}
      <Facts rows={section.rows} />
    </section>
  ));
}

/** Emails and phone numbers as the activity log writes them: "a@b.c (work, primary)". */
const multi = (values: readonly { value: string; type: string | null; primary: boolean | null }[]) => (values.length === 0 ? null : formatValue(values));

function Attributes({ member: m }: { member: Member }) {
  const e = m.enterprise;
  return (
    <>
      <section className={styles.section} aria-labelledby="profile-title">
        <h2 id="profile-title" className={styles.sectionTitle}>
          Profile
        </h2>
        <Facts
          rows={[
            ['Name', personName(m)],
            ['Given name', m.name.givenName],
            ['Middle name', m.name.middleName],
            ['Family name', m.name.familyName],
            ['Honorific prefix', m.name.honorificPrefix],
            ['Honorific suffix', m.name.honorificSuffix],
            ['Formatted name', m.name.formatted],
            ['Display name', m.displayName],
            ['Nickname', m.nickName],
            ['Title', m.title],
            ['User type', m.userType],
            ['Emails', multi(m.emails)],
            ['Phone numbers', multi(m.phoneNumbers)],
            [
              'Addresses',
              m.addresses
                .map((a) => a.formatted ?? [a.streetAddress, a.locality, a.region, a.postalCode, a.country].filter(Boolean).join(', '))
                .filter(Boolean)
                .join('; '),
            ],
            ['Locale', m.locale],
            ['Time zone', m.timezone],
            ['Preferred language', m.preferredLanguage],
            ['Profile URL', m.profileUrl],
            ['External id', m.externalId],
            ['Created', formatTime(m.createdAt)],
            ['Last change', formatTime(m.updatedAt)],
            ['Version', String(m.version)],
          ]}
        />
      </section>
      <section className={styles.section} aria-labelledby="enterprise-title">
        <h2 id="enterprise-title" className={styles.sectionTitle}>
          Enterprise
        </h2>
        <Facts
          rows={[
            ['Employee number', e.employeeNumber],
            ['Department', e.department],
            ['Cost center', e.costCenter],
            ['Organization', e.organization],
            ['Division', e.division],
            ['Manager', e.manager ? (e.manager.displayName ?? e.manager.value) : null],
          ]}
        />
      </section>
      <OtherScimAttributes member={m} />
      <section className={styles.section} aria-labelledby="teams-title">
        <h2 id="teams-title" className={styles.sectionTitle}>
          Teams
        </h2>
        {m.teams.length === 0 ? (
          <p className={styles.muted}>In no team.</p>
        ) : (
          <ul>
            {m.teams.map((t) => (
              <li key={t.id}>{t.displayName}</li>
            ))}
          </ul>
        )}
      </section>
      <section className={styles.section} aria-labelledby="member-activity-title">
        <h2 id="member-activity-title" className={styles.sectionTitle}>
          Activity
        </h2>
        <ActivityList groupId={m.group.id} filter={{ targetId: m.id }} caption="The member’s activity" empty="No change of this member is recorded." />
      </section>
    </>
  );
}

import * as RadioGroup from '@radix-ui/react-radio-group';
import { toggleChoice } from '../../lib/webhook-form';
import { ErrorMessage, Loading } from '../../ui/states';
import styles from '../../ui/ui.module.css';
import { groupLabel, useGroupChoices } from '../groups/group-choices';
import { Option } from './event-type-picker';
import css from './webhooks.module.css';

/**
 * Which groups' events an endpoint takes: every group's (and the events of no group: admins,
 * webhooks), or those of the groups chosen. A chosen id that is no longer a group stays listed,
 * so it can be cleared (the API refuses to save it).
 */
export function GroupPicker(props: {
  allGroups: boolean;
  groupIds: readonly string[];
  error?: string;
  onChange: (allGroups: boolean, groupIds: string[]) => void;
}) {
  const { allGroups, groupIds, error, onChange } = props;
  const groups = useGroupChoices();
  const known = groups.data?.edges.map(({ node }) => node) ?? [];
  const unknown = groupIds.filter((id) => !known.some((group) => group.id === id));
  const choices = [...known.map((group) => ({ id: group.id, name: group.name })), ...unknown.map((id) => ({ id, name: groupLabel(known, id) }))];
  return (
    <fieldset className={css.fieldset} aria-describedby="endpoint-groups-note">
      <legend className={styles.label}>Groups</legend>
      <RadioGroup.Root
        aria-label="Which groups"
        className={css.options}
        value={allGroups ? 'all' : 'chosen'}
        onValueChange={(value) => onChange(value === 'all', [...groupIds])}
      >
        <Option value="all" id="endpoint-groups-all" label="Every group" />
        <Option value="chosen" id="endpoint-groups-chosen" label="Only those chosen" />
      </RadioGroup.Root>
      {allGroups ? null : groups.error ? (
        <ErrorMessage error={groups.error} title="The groups could not be loaded." />
      ) : !groups.data ? (
        <Loading what="groups" />
      ) : choices.length === 0 ? (
        <p className={styles.muted}>There are no groups yet.</p>
      ) : (
        <div className={css.choices}>
          <div className={css.groupChecks}>
            {choices.map((group) => (
              <label key={group.id} className={css.check}>
                <input
                  type="checkbox"
                  checked={groupIds.includes(group.id)}
                  onChange={(e) => onChange(false, toggleChoice(groupIds, group.id, e.target.checked))}
                />
                {group.name}
              </label>
            ))}
          </div>
        </div>
      )}
      <span id="endpoint-groups-note" className={error ? styles.fieldError : styles.hint}>
        {error ??
          (allGroups ? 'Events of every group, and those of no group (admins, webhooks).' : 'Only events in these groups; events of no group are not sent.')}
      </span>
    </fieldset>
  );
}

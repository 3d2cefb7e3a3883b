import { useState } from 'react';
import { activityFilter, type ActivityFilterValues, type ActorKind } from '../../lib/activity';
import { actionLabels } from '../../lib/event-types';
import { useDebouncedValue } from '../../ui/use-cursor-pages';
import styles from '../../ui/ui.module.css';
import { ActivityList } from './activity-list';

/** Changes in the group: filter by action and by actor (its kind, or an admin's email / a token's name). */
export function ActivityTab({ groupId }: { groupId: string }) {
  const [values, setValues] = useState<ActivityFilterValues>({ action: '', actorType: '', actorLabel: '' });
  const actorLabel = useDebouncedValue(values.actorLabel);
  const filter = activityFilter({ ...values, actorLabel });
  return (
    <>
      <div className={styles.toolbar}>
        <div className={styles.inline}>
          <div className={styles.field}>
            <label htmlFor="activity-action" className={styles.label}>
              Action
            </label>
            <select id="activity-action" className={styles.input} value={values.action} onChange={(e) => setValues({ ...values, action: e.target.value })}>
              <option value="">Any action</option>
              {Object.entries(actionLabels).map(([action, label]) => (
                <option key={action} value={action}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className={styles.field}>
            <label htmlFor="activity-actor-type" className={styles.label}>
              Actor kind
            </label>
            <select
              id="activity-actor-type"
              className={styles.input}
              value={values.actorType}
              onChange={(e) => setValues({ ...values, actorType: e.target.value as ActorKind | '' })}
            >
              <option value="">Anyone</option>
              <option value="ADMIN">Admins</option>
              <option value="SCIM_TOKEN">SCIM tokens</option>
              <option value="SYSTEM">Roster itself</option>
            </select>
          </div>
          <div className={styles.field}>
            <label htmlFor="activity-actor" className={styles.label}>
              Actor (admin email or token name)
            </label>
            <input
              id="activity-actor"
              className={styles.input}
              value={values.actorLabel}
              onChange={(e) => setValues({ ...values, actorLabel: e.target.value })}
            />
          </div>
        </div>
      </div>
      <ActivityList
        groupId={groupId}
        filter={filter}
        caption="Activity"
        empty={
          filter ? 'Nothing matches these filters.' : 'Nothing has happened in this group yet. Changes by admins and by the identity provider appear here.'
        }
      />
    </>
  );
}

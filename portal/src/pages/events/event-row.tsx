import { Fragment } from 'react';
import type { EventFeedQuery } from '../../gql/graphql';
import { actorKindLabels } from '../../lib/activity';
import { eventTypeLabel } from '../../lib/event-types';
import { changeRows, formatTime, resourceRows } from '../../lib/format';
import styles from '../../ui/ui.module.css';
import { groupLabel, type GroupChoice } from '../groups/group-choices';

export type FeedEvent = EventFeedQuery['viewer']['organization']['events']['edges'][number]['node'];

/** One event of the feed: type, time, actor, what and where, request id; its changes and the resource as it is after, expandable. */
export function EventRow({ event, groups }: { event: FeedEvent; groups: readonly GroupChoice[] | undefined }) {
  const changes = changeRows(event.changes);
  const resource = resourceRows(event.resource ?? null);
  return (
    <tr>
      <td>{formatTime(event.createdAt)}</td>
      <td>
        {eventTypeLabel(event.action)}
        <div className={styles.hint}>
          <code>{event.action}</code>
        </div>
      </td>
      <td>
        {event.actor.label}
        <div className={styles.hint}>{actorKindLabels[event.actor.type]}</div>
      </td>
      <td>
        {event.targetLabel}
        <div className={styles.hint}>
          {event.targetType}
          {event.groupId && event.targetType !== 'Group' ? ` in ${groupLabel(groups, event.groupId)}` : ''}
        </div>
      </td>
      <td>
        <details>
          <summary>
            {changes.length === 1 ? '1 change' : `${changes.length} changes`}
            <span className={styles.srOnly}> of event {event.id}</span>
          </summary>
          {changes.length === 0 ? (
            <p className={styles.muted}>No field changed.</p>
          ) : (
            <ul>
              {changes.map((row) => (
                <li key={row.field}>
                  {row.field}: {row.before} → {row.after}
                </li>
              ))}
            </ul>
          )}
        </details>
        <details>
          <summary>
            Resource after
            <span className={styles.srOnly}> of event {event.id}</span>
          </summary>
          {resource.length === 0 ? (
            <p className={styles.muted}>None: {event.action.endsWith('.deleted') ? 'it was deleted (the changes keep what was removed).' : 'not recorded.'}</p>
          ) : (
            <dl className={styles.facts}>
              {resource.map((row) => (
                <Fragment key={row.field}>
                  <dt>{row.field}</dt>
                  <dd>{row.value}</dd>
                </Fragment>
              ))}
            </dl>
          )}
        </details>
        {event.requestId ? <div className={styles.hint}>Request id: {event.requestId}</div> : null}
      </td>
    </tr>
  );
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/api-error';
import { request } from '../../api/graphql-client';
import { EventFeedDocument } from '../../gql/graphql';
import { eventAreas, eventTypeLabel, feedFilter, patternLabel } from '../../lib/event-types';
import { plural } from '../../lib/format';
import { Pager } from '../../ui/pager';
import { Empty, ErrorMessage, Loading } from '../../ui/states';
import { TableBox } from '../../ui/table-box';
import { useCursorPages } from '../../ui/use-cursor-pages';
import styles from '../../ui/ui.module.css';
import { useGroupChoices } from '../groups/group-choices';
import { EventRow } from './event-row';

const pageSize = 25;

/**
 * Manage › Events: the organization's change feed as the host application reads it
 * (`events(after, first, filter)`), oldest first, paged with its cursor, filtered by type (exact or
 * a whole area) and by group. It asks again every 5 s, so new events fill the last page.
 */
export function EventsPage() {
  const [choice, setChoice] = useState({ type: '', groupId: '' });
  // Starting again (after EVENT_CURSOR_EXPIRED) is a new paging key: back to page 1, `after: null`.
  const [restarts, setRestarts] = useState(0);
  const filter = feedFilter(choice);
  const pages = useCursorPages(`${JSON.stringify(filter)}\u0000${restarts}`);
  const groups = useGroupChoices();
  const events = useQuery({
    queryKey: ['events', filter, pages.after],
    queryFn: () => request(EventFeedDocument, { first: pageSize, after: pages.after, filter }).then((data) => data.viewer.organization.events),
    placeholderData: keepPreviousData,
    refetchInterval: 5_000,
  });
  const expired = events.error instanceof ApiError && events.error.has('EVENT_CURSOR_EXPIRED');
  const list = events.data;
  return (
    <>
      <h1>Events</h1>
      <p className={styles.hint}>
        Every change in the organization, oldest first, as the change feed serves it to your applications (and webhooks send it). Events are kept for a limited
        time (30 days unless the operator set otherwise).
      </p>
      <div className={styles.toolbar}>
        <div className={styles.inline}>
          <div className={styles.field}>
            <label htmlFor="events-type" className={styles.label}>
              Event type
            </label>
            <select id="events-type" className={styles.input} value={choice.type} onChange={(e) => setChoice({ ...choice, type: e.target.value })}>
              <option value="">Any type</option>
              {eventAreas.map(({ area, label, types }) => (
                <optgroup key={area} label={label}>
                  <option value={`${area}.*`}>
                    {patternLabel(`${area}.*`)} ({area}.*)
                  </option>
                  {types.map((type) => (
                    <option key={type} value={type}>
                      {eventTypeLabel(type)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div className={styles.field}>
            <label htmlFor="events-group" className={styles.label}>
              Group
            </label>
            <select id="events-group" className={styles.input} value={choice.groupId} onChange={(e) => setChoice({ ...choice, groupId: e.target.value })}>
              <option value="">Any group</option>
              {groups.data?.edges.map(({ node }) => (
                <option key={node.id} value={node.id}>
                  {node.name}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>
      {events.error ? (
        <ErrorMessage
          error={events.error}
          title={expired ? 'This page of the feed is gone.' : list ? 'Refreshing failed; this shows the last answer.' : 'The events could not be loaded.'}
        />
      ) : null}
      {expired ? (
        <button type="button" className={styles.secondary} onClick={() => setRestarts(restarts + 1)}>
          Start again from the oldest event kept
        </button>
      ) : null}
      {!list ? (
        events.isPending ? (
          <Loading what="events" />
        ) : null
      ) : list.edges.length === 0 ? (
        <Empty>
          {filter
            ? 'No event matches these filters yet.'
            : 'No events yet. Every change appears here: groups, members and teams (by admins or the identity provider), SCIM tokens, admins and webhooks.'}
        </Empty>
      ) : (
        <>
          <TableBox label="Events">
            <table className={styles.table}>
              <caption className={styles.srOnly}>Events</caption>
              <thead>
                <tr>
                  <th scope="col">Time</th>
                  <th scope="col">Type</th>
                  <th scope="col">Actor</th>
                  <th scope="col">Target</th>
                  <th scope="col">Details</th>
                </tr>
              </thead>
              <tbody>
                {list.edges.map(({ node }) => (
                  <EventRow key={node.id} event={node} groups={groups.data?.edges.map((e) => e.node)} />
                ))}
              </tbody>
            </table>
          </TableBox>
          <Pager
            page={pages.page}
            total={`${plural(list.edges.length, 'event')} on this page`}
            hasNextPage={list.pageInfo.hasNextPage}
            endCursor={list.pageInfo.endCursor}
            next={pages.next}
            previous={pages.previous}
          />
        </>
      )}
    </>
  );
}

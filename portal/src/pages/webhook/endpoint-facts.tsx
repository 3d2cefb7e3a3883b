import { collapseTypes, patternLabel } from '../../lib/event-types';
import { formatTime } from '../../lib/format';
import styles from '../../ui/ui.module.css';
import { groupLabel, useGroupChoices } from '../groups/group-choices';
import type { Endpoint } from './endpoint.types';

/** What an endpoint is set to: description, filters, when it was added, the secret's overlap. */
export function EndpointFacts({ endpoint }: { endpoint: Endpoint }) {
  const groups = useGroupChoices();
  const known = groups.data?.edges.map(({ node }) => node);
  const overlapping = endpoint.previousSecretUntil !== null && new Date(endpoint.previousSecretUntil).getTime() > Date.now();
  return (
    <section className={styles.section} aria-labelledby="endpoint-facts-title">
      <h2 id="endpoint-facts-title" className={styles.sectionTitle}>
        Settings
      </h2>
      <dl className={styles.facts}>
        <dt>Description</dt>
        <dd>{endpoint.description ?? <span className={styles.muted}>none</span>}</dd>
        <dt>Event types</dt>
        <dd>
          {endpoint.eventTypes === null ? (
            'Every event type'
          ) : (
            <ul>
              {collapseTypes(endpoint.eventTypes).map((pattern) => (
                <li key={pattern}>
                  {patternLabel(pattern)} <code>{pattern}</code>
                </li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Groups</dt>
        <dd>
          {endpoint.groupIds === null ? (
            'Every group, and events of no group'
          ) : (
            <ul>
              {endpoint.groupIds.map((id) => (
                <li key={id}>{groupLabel(known, id)}</li>
              ))}
            </ul>
          )}
        </dd>
        <dt>Added</dt>
        <dd>{formatTime(endpoint.createdAt)}</dd>
        <dt>Signing secret</dt>
        <dd>
          {overlapping
            ? `Rotated: the previous secret also signs until ${formatTime(endpoint.previousSecretUntil)}.`
            : 'One secret signs every message (shown once, when it was made).'}
        </dd>
      </dl>
    </section>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { request } from '../../api/graphql-client';
import type { Viewer } from '../../app/session';
import { WebhookEndpointsDocument } from '../../gql/graphql';
import { typeFilterSummary } from '../../lib/event-types';
import { formatTime } from '../../lib/format';
import { canChange } from '../../lib/roles';
import { endpointState } from '../../lib/webhooks';
import { ToneBadge } from '../../ui/badges';
import { Empty, ErrorMessage, Loading } from '../../ui/states';
import { TableBox } from '../../ui/table-box';
import styles from '../../ui/ui.module.css';
import { groupLabel, useGroupChoices } from '../groups/group-choices';
import { AddEndpointDialog } from './add-endpoint.dialog';
import css from './webhooks.module.css';

/**
 * Manage › Webhooks: the organization's endpoints (oldest first, as the API lists them) with their
 * state and filters; OWNERs and ADMINs add them. It asks again every 10 s, as Roster may disable an
 * endpoint meanwhile.
 */
export function WebhooksPage({ viewer }: { viewer: Viewer }) {
  const endpoints = useQuery({
    queryKey: ['webhooks'],
    queryFn: () => request(WebhookEndpointsDocument).then((data) => data.viewer.organization.webhookEndpoints),
    refetchInterval: 10_000,
  });
  const groups = useGroupChoices();
  const writer = canChange(viewer.admin.role);
  const groupNames = (ids: readonly string[] | null) =>
    ids === null
      ? 'All groups'
      : ids
          .map((id) =>
            groupLabel(
              groups.data?.edges.map((e) => e.node),
              id,
            ),
          )
          .join(', ');
  return (
    <>
      <h1>Webhooks</h1>
      <div className={styles.toolbar}>
        <p className={styles.hint}>
          Roster sends each change in {viewer.organization.name} to these URLs as it happens, signed per Standard Webhooks, in order, and retries when a
          receiver fails.
        </p>
        {writer ? <AddEndpointDialog /> : null}
      </div>
      {writer ? null : (
        <p className={styles.notice}>Your role ({viewer.admin.role}) can see the webhooks but not change them. Ask an owner for the ADMIN role.</p>
      )}
      {endpoints.error && !endpoints.data ? <ErrorMessage error={endpoints.error} title="The webhook endpoints could not be loaded." /> : null}
      {!endpoints.data ? (
        endpoints.isPending ? (
          <Loading what="webhook endpoints" />
        ) : null
      ) : endpoints.data.length === 0 ? (
        <Empty>
          No webhook endpoints yet.{' '}
          {writer ? 'Add endpoint sends each change (members, teams, groups, tokens) to a URL of yours, e.g. your host application.' : ''} Every change is also
          in the <Link to="/events">Events</Link> view.
        </Empty>
      ) : (
        <TableBox label="Webhook endpoints">
          <table className={styles.table}>
            <caption className={styles.srOnly}>Webhook endpoints</caption>
            <thead>
              <tr>
                <th scope="col">Endpoint</th>
                <th scope="col">State</th>
                <th scope="col">Event types</th>
                <th scope="col">Groups</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.data.map((endpoint) => {
                const state = endpointState(endpoint);
                return (
                  <tr key={endpoint.id}>
                    <td className={css.url}>
                      <Link to={`/webhooks/${endpoint.id}`}>{endpoint.url}</Link>
                      {endpoint.description ? <div className={styles.hint}>{endpoint.description}</div> : null}
                    </td>
                    <td>
                      <ToneBadge tone={state.tone} label={state.label} />
                      {state.detail ? <div className={styles.hint}>{state.detail}</div> : null}
                    </td>
                    <td>{typeFilterSummary(endpoint.eventTypes)}</td>
                    <td>{groupNames(endpoint.groupIds)}</td>
                    <td>{formatTime(endpoint.createdAt)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableBox>
      )}
      {endpoints.error && endpoints.data ? <ErrorMessage error={endpoints.error} title="Refreshing failed; this shows the last answer." /> : null}
    </>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { request } from '../../api/graphql-client';
import type { Viewer } from '../../app/session';
import { WebhookEndpointDocument } from '../../gql/graphql';
import { canChange } from '../../lib/roles';
import { endpointState } from '../../lib/webhooks';
import { ToneBadge } from '../../ui/badges';
import { Empty, ErrorMessage, Loading } from '../../ui/states';
import styles from '../../ui/ui.module.css';
import css from '../webhooks/webhooks.module.css';
import { Deliveries } from './deliveries';
import { EndpointActions } from './endpoint-actions';
import { EndpointFacts } from './endpoint-facts';

/**
 * One webhook endpoint (`/webhooks/:endpointId`): its state and settings, what an OWNER or ADMIN
 * can do with it, and its deliveries. It asks again every 5 s: Roster may disable a failing one.
 */
export function WebhookPage({ viewer }: { viewer: Viewer }) {
  const { endpointId = '' } = useParams();
  const endpoint = useQuery({
    queryKey: ['webhook', endpointId],
    queryFn: () => request(WebhookEndpointDocument, { id: endpointId }).then((data) => data.viewer.organization.webhookEndpoint),
    refetchInterval: 5_000,
  });
  if (endpoint.error && !endpoint.data) return <ErrorMessage error={endpoint.error} title="The webhook endpoint could not be loaded." />;
  if (endpoint.isPending) return <Loading what="the webhook endpoint" />;
  if (!endpoint.data) {
    return (
      <Empty>
        There is no such webhook endpoint in {viewer.organization.name} (it may have been deleted). <Link to="/webhooks">Back to the webhooks</Link>
      </Empty>
    );
  }
  const e = endpoint.data;
  const state = endpointState(e);
  const writer = canChange(viewer.admin.role);
  return (
    <>
      <p className={css.breadcrumb}>
        <Link to="/webhooks">Webhooks</Link> › {e.url}
      </p>
      <div className={css.heading}>
        <h1>{e.url}</h1>
        <ToneBadge tone={state.tone} label={state.label} />
      </div>
      {state.detail ? <p className={state.tone === 'bad' ? styles.warning : styles.notice}>{state.detail}</p> : null}
      {endpoint.error ? <ErrorMessage error={endpoint.error} title="Refreshing failed; this shows the last answer." /> : null}
      {writer ? (
        <EndpointActions endpoint={e} />
      ) : (
        <p className={styles.notice}>Your role ({viewer.admin.role}) can see this endpoint and its deliveries but not change them.</p>
      )}
      <EndpointFacts endpoint={e} />
      <Deliveries endpointId={e.id} writer={writer} />
    </>
  );
}

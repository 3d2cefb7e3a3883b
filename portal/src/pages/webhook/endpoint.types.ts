import type { WebhookEndpointQuery } from '../../gql/graphql';

/** A webhook endpoint as its page reads it (webhook.graphql). */
export type Endpoint = NonNullable<WebhookEndpointQuery['viewer']['organization']['webhookEndpoint']>;

import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { ActivityEventResolver } from './activity/activity.resolver.js';
import { EventFeedResolver } from './activity/event-feed.resolver.js';
import { OrganizationWebhooksResolver, WebhookEndpointResolver } from './webhooks/webhook.resolver.js';
import { GroupResolver } from './groups/group.resolver.js';
import { MemberResolver } from './members/member.resolver.js';
import { ScimTokenResolver } from './scim-tokens/scim-token.resolver.js';
import { ServerResolver } from './server/server.resolver.js';
import { TeamResolver } from './teams/team.resolver.js';
import { OrganizationResolver, ViewerResolver } from './viewer/viewer.resolver.js';

/** Every resolver class of the API; the SDL in `schema/schema.graphql` is printed from these. */
export const resolvers = [
  ServerResolver,
  ViewerResolver,
  OrganizationResolver,
  GroupResolver,
  MemberResolver,
  TeamResolver,
  ScimTokenResolver,
  ActivityEventResolver,
  EventFeedResolver,
  OrganizationWebhooksResolver,
  WebhookEndpointResolver,
] as const;

/** Builds the executable schema. Inputs are validated with class-validator before resolvers run. */
export function buildGraphQLSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers, validate: { forbidUnknownValues: false }, emitSchemaFile: false });
}

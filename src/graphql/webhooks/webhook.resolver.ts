import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import type { WebhookEndpoint } from '../../domain/webhooks/webhook-endpoint.entity.js';
import type { DeliveryRecord } from '../../domain/webhooks/webhook.service.js';
import { toConnection, type ConnectionValue } from '../common/connection.js';
import { actorOf, type GraphQLContext } from '../context.js';
import { OrganizationObject } from '../viewer/viewer.types.js';
import {
  CreateWebhookEndpointInput,
  DeleteWebhookEndpointInput,
  DeleteWebhookEndpointPayload,
  ReplayWebhookDeliveriesInput,
  ReplayWebhookDeliveriesPayload,
  ReplayWebhookDeliveryInput,
  RotateWebhookSecretInput,
  SendTestWebhookEventInput,
  WebhookDeliveryPayload,
  UpdateWebhookEndpointInput,
  WebhookDeliveryArgs,
  WebhookDeliveryConnection,
  WebhookEndpointObject,
  WebhookEndpointPayload,
  WebhookEndpointWithSecretPayload,
} from './webhook.types.js';

@Resolver(() => OrganizationObject)
export class OrganizationWebhooksResolver {
  @FieldResolver(() => [WebhookEndpointObject], { description: "The organization's webhook endpoints, oldest first." })
  webhookEndpoints(@Ctx() context: GraphQLContext): Promise<WebhookEndpoint[]> {
    return context.services.webhooks.list(actorOf(context));
  }

  @FieldResolver(() => WebhookEndpointObject, { nullable: true, description: 'One webhook endpoint, or null.' })
  webhookEndpoint(@Arg('id', () => ID) id: string, @Ctx() context: GraphQLContext): Promise<WebhookEndpoint | null> {
    return context.services.webhooks.find(actorOf(context), id);
  }
}

@Resolver(() => WebhookEndpointObject)
export class WebhookEndpointResolver {
  @FieldResolver(() => WebhookDeliveryConnection, {
    description: 'Its deliveries, the latest queued first (a replay or a test message at the top), each with its attempts.',
  })
  async deliveries(
    @Root() endpoint: WebhookEndpoint,
    @Args(() => WebhookDeliveryArgs) args: WebhookDeliveryArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<ConnectionValue<DeliveryRecord>> {
    const actor = actorOf(context);
    const page = await context.services.webhooks.deliveries(actor, endpoint.id, args, args.status);
    return toConnection(page, () => context.services.webhooks.countDeliveries(actor, endpoint.id, args.status));
  }

  @Mutation(() => WebhookEndpointWithSecretPayload, {
    description: 'Adds a webhook endpoint; it receives the events after its creation. The signing secret is in this answer only. OWNER or ADMIN.',
  })
  createWebhookEndpoint(
    @Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput,
    @Ctx() context: GraphQLContext,
  ): Promise<WebhookEndpointWithSecretPayload> {
    return context.services.webhooks.create(actorOf(context), input);
  }

  @Mutation(() => WebhookEndpointPayload, { description: 'Changes an endpoint (URL, description, filters, enabled). OWNER or ADMIN.' })
  async updateWebhookEndpoint(
    @Arg('input', () => UpdateWebhookEndpointInput) input: UpdateWebhookEndpointInput,
    @Ctx() context: GraphQLContext,
  ): Promise<WebhookEndpointPayload> {
    return { endpoint: await context.services.webhooks.update(actorOf(context), input) };
  }

  @Mutation(() => WebhookEndpointWithSecretPayload, {
    description:
      'Gives an endpoint a new signing secret; the old one goes on signing alongside it for `overlapHours`. The new secret is in this answer only. OWNER or ADMIN.',
  })
  rotateWebhookSecret(
    @Arg('input', () => RotateWebhookSecretInput) input: RotateWebhookSecretInput,
    @Ctx() context: GraphQLContext,
  ): Promise<WebhookEndpointWithSecretPayload> {
    return context.services.webhooks.rotateSecret(actorOf(context), input.id, input.overlapHours ?? undefined);
  }

  @Mutation(() => WebhookDeliveryPayload, {
    description: "Sends a delivery's message again, as a new delivery (a new `webhook-id`, the same body), next in its endpoint's queue. OWNER or ADMIN.",
  })
  async replayWebhookDelivery(
    @Arg('input', () => ReplayWebhookDeliveryInput) input: ReplayWebhookDeliveryInput,
    @Ctx() context: GraphQLContext,
  ): Promise<WebhookDeliveryPayload> {
    return { delivery: await context.services.webhooks.replay(actorOf(context), input.id) };
  }

  @Mutation(() => ReplayWebhookDeliveriesPayload, { description: 'Sends again every message an endpoint was sent since a time, oldest first. OWNER or ADMIN.' })
  async replayWebhookDeliveries(
    @Arg('input', () => ReplayWebhookDeliveriesInput) input: ReplayWebhookDeliveriesInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ReplayWebhookDeliveriesPayload> {
    return { queued: await context.services.webhooks.replaySince(actorOf(context), input.endpointId, input.since) };
  }

  @Mutation(() => WebhookDeliveryPayload, {
    description: 'Queues a `webhook.test` message for the endpoint, sent next: to check the receiver and its signature check. OWNER or ADMIN.',
  })
  async sendTestWebhookEvent(
    @Arg('input', () => SendTestWebhookEventInput) input: SendTestWebhookEventInput,
    @Ctx() context: GraphQLContext,
  ): Promise<WebhookDeliveryPayload> {
    return { delivery: await context.services.webhooks.sendTest(actorOf(context), input.endpointId) };
  }

  @Mutation(() => DeleteWebhookEndpointPayload, { description: 'Deletes an endpoint and its deliveries. OWNER or ADMIN.' })
  async deleteWebhookEndpoint(
    @Arg('input', () => DeleteWebhookEndpointInput) input: DeleteWebhookEndpointInput,
    @Ctx() context: GraphQLContext,
  ): Promise<DeleteWebhookEndpointPayload> {
    return { deletedEndpointId: (await context.services.webhooks.delete(actorOf(context), input.id)).id };
  }
}

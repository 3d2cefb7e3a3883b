import { ArrayMaxSize, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { eventTypes } from '../../domain/activity/event-types.js';
import type { AttemptRecord, DeliveryStatus } from '../../domain/webhooks/webhook.service.js';
import { maxEndpointGroups, maxSecretOverlapHours } from '../../domain/webhooks/webhook.service.js';
import { maxPageSize } from '../../domain/shared/page.js';
import { connectionOf } from '../common/connection.js';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  SUCCEEDED = 'SUCCEEDED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where a delivery stands.',
  valuesConfig: {
    PENDING: { description: 'Queued, or failed and to be retried at `nextAttemptAt`.' },
    SUCCEEDED: { description: 'The receiver answered 2xx.' },
    FAILED: { description: 'Given up: every retry failed, or the receiver answered 410 Gone.' },
  },
});

const typesDescription = `Only these event types, exact or a whole area (\`member.*\`); null for all. The types: ${eventTypes.map((type) => `\`${type}\``).join(', ')}.`;

@ObjectType('WebhookEndpoint', { description: "Where the organization's events are sent, signed per Standard Webhooks v1, in the change feed's order." })
export class WebhookEndpointObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  url!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => [String], { nullable: true, description: 'The event types sent (null: all).' })
  eventTypes!: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Only events of these groups are sent (null: every group's, and those of no group)." })
  groupIds!: string[] | null;

  @Field(() => Boolean, { description: 'Whether events are sent. While disabled they are still queued, and sent in order once it is enabled again.' })
  enabled!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Why Roster disabled it (the receiver answered 410 Gone, or failed every attempt for 5 days); enable it to resume.',
  })
  disabledReason!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Since when every attempt has failed (null while deliveries succeed).' })
  failingSince!: Date | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'After a secret rotation: until when the previous secret still signs alongside the new one.',
  })
  previousSecretUntil!: Date | null;

  @Field(() => Int, { description: 'Bumped on every change.' })
  version!: number;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;
}

@ObjectType('WebhookAttempt', { description: 'One try at sending a delivery.' })
export class WebhookAttemptObject implements AttemptRecord {
  @Field(() => GraphQLISODateTime)
  attemptedAt!: Date;

  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status; null when none came." })
  status!: number | null;

  @Field(() => Int)
  durationMs!: number;

  @Field(() => String, { nullable: true, description: 'Why no status came (refused, timed out, address not public), or what was wrong with it (a redirect).' })
  error!: string | null;

  @Field(() => String, { nullable: true, description: 'The first 2 KB of the answer.' })
  responseBody!: string | null;
}

@ObjectType('WebhookDelivery', {
  description: "One event sent (or to be sent) to one endpoint. Its id is the message's `webhook-id`, the same on every retry.",
})
export class WebhookDeliveryObject {
  @Field(() => ID)
  id!: string;

  @Field(() => ID, { description: 'The activity event delivered.' })
  eventId!: string;

  @Field(() => String)
  eventType!: string;

  @Field(() => String, { description: 'The message body as sent (JSON), the same on every retry and in a replay: what the receiver was asked to accept.' })
  body!: string;

  @Field(() => WebhookDeliveryStatus)
  status!: DeliveryStatus;

  @Field(() => Int, { description: 'Attempts made so far.' })
  attempts!: number;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the next attempt is due (pending deliveries only; it waits for the ones before it).' })
  nextAttemptAt!: Date | null;

  @Field(() => Int, { nullable: true })
  lastStatus!: number | null;

  @Field(() => GraphQLISODateTime)
  createdAt!: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  completedAt!: Date | null;

  @Field(() => [WebhookAttemptObject], { description: 'Its attempts, newest first (the last 20).' })
  attemptLog!: readonly AttemptRecord[];
}

export const WebhookDeliveryConnection = connectionOf(WebhookDeliveryObject, 'WebhookDelivery', 'webhook delivery');

@ArgsType()
export class WebhookDeliveryArgs {
  @Field(() => Int, { nullable: true, description: `How many deliveries to return: 0 to ${maxPageSize}, default 50.` })
  @Min(0)
  @Max(maxPageSize)
  first?: number | null;

  @Field(() => String, { nullable: true })
  after?: string | null;

  @Field(() => WebhookDeliveryStatus, { nullable: true, description: 'Only deliveries in this state.' })
  status?: WebhookDeliveryStatus | null;
}

@InputType('CreateWebhookEndpointInput')
export class CreateWebhookEndpointInput {
  @Field(() => String, {
    description: 'The receiver: an https URL at a public address (WEBHOOK_ALLOW_HTTP=true allows http and private addresses, for development).',
  })
  @MaxLength(2_000)
  url!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], { nullable: true, description: typesDescription })
  @ArrayMaxSize(eventTypes.length * 2)
  eventTypes?: string[] | null;

  @Field(() => [ID], { nullable: true, description: `Only events of these groups (at most ${maxEndpointGroups}); null for all.` })
  @ArrayMaxSize(maxEndpointGroups)
  groupIds?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Default true.' })
  enabled?: boolean | null;
}

@InputType('UpdateWebhookEndpointInput', { description: 'What is given changes; what is left out stays.' })
export class UpdateWebhookEndpointInput {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { nullable: true })
  @MaxLength(2_000)
  url?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => [String], { nullable: true, description: `${typesDescription} An empty list is refused; null sends all.` })
  @ArrayMaxSize(eventTypes.length * 2)
  eventTypes?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Null sends every group's events." })
  @ArrayMaxSize(maxEndpointGroups)
  groupIds?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Enabling an endpoint Roster disabled clears why.' })
  enabled?: boolean | null;
}

@InputType('RotateWebhookSecretInput')
export class RotateWebhookSecretInput {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, {
    nullable: true,
    description: `How long the old secret goes on signing alongside the new one, in hours: 0 to ${maxSecretOverlapHours}, default 24.`,
  })
  @Min(0)
  @Max(maxSecretOverlapHours)
  overlapHours?: number | null;
}

@InputType('DeleteWebhookEndpointInput')
export class DeleteWebhookEndpointInput {
  @Field(() => ID)
  id!: string;
}

@ObjectType('WebhookEndpointWithSecretPayload')
export class WebhookEndpointWithSecretPayload {
  @Field(() => WebhookEndpointObject)
  endpoint!: WebhookEndpointObject;

  @Field(() => String, {
    description:
      "The signing secret (`whsec_…`), for the receiver's Standard Webhooks verifier. Shown this once: it cannot be shown again (rotate it to get a new one).",
  })
  secret!: string;
}

@ObjectType('WebhookEndpointPayload')
export class WebhookEndpointPayload {
  @Field(() => WebhookEndpointObject)
  endpoint!: WebhookEndpointObject;
}

@ObjectType('DeleteWebhookEndpointPayload')
export class DeleteWebhookEndpointPayload {
  @Field(() => ID)
  deletedEndpointId!: string;
}

@InputType('ReplayWebhookDeliveryInput')
export class ReplayWebhookDeliveryInput {
  @Field(() => ID, { description: 'A delivery (its `webhook-id`).' })
  id!: string;
}

@InputType('ReplayWebhookDeliveriesInput')
export class ReplayWebhookDeliveriesInput {
  @Field(() => ID)
  endpointId!: string;

  @Field(() => GraphQLISODateTime, { description: 'Every message first queued since this time is sent again (at most 10,000), oldest first.' })
  since!: Date;
}

@InputType('SendTestWebhookEventInput')
export class SendTestWebhookEventInput {
  @Field(() => ID)
  endpointId!: string;
}

@ObjectType('WebhookDeliveryPayload')
export class WebhookDeliveryPayload {
  @Field(() => WebhookDeliveryObject, { description: 'The new delivery, queued to be sent next.' })
  delivery!: WebhookDeliveryObject;
}

@ObjectType('ReplayWebhookDeliveriesPayload')
export class ReplayWebhookDeliveriesPayload {
  @Field(() => Int, { description: 'How many messages were queued again.' })
  queued!: number;
}

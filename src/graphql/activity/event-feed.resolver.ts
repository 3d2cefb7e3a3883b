import { ArrayMaxSize, Max, Min } from 'class-validator';
import { Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Int, ObjectType, Resolver } from 'type-graphql';
import type { ActivityRecord } from '../../domain/activity/activity-event.entity.js';
import { maxFilterGroups } from '../../domain/activity/event-feed.service.js';
import { eventTypes } from '../../domain/activity/event-types.js';
import { maxPageSize } from '../../domain/shared/page.js';
import type { Edge } from '../common/connection.js';
import { actorOf, type GraphQLContext } from '../context.js';
import { OrganizationObject } from '../viewer/viewer.types.js';
import { ActivityEventObject } from './activity.type.js';

@InputType('EventFilter', { description: 'Which events the feed serves: the fields given must all match.' })
export class EventFilterInput {
  @Field(() => [ID], { nullable: true, description: `Only events of these groups (at most ${maxFilterGroups}); an id of no group of yours matches nothing.` })
  @ArrayMaxSize(maxFilterGroups)
  groupIds?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: `Only these event types, exact or a whole area (\`team.*\`): ${eventTypes.map((type) => `\`${type}\``).join(', ')}.`,
  })
  @ArrayMaxSize(eventTypes.length * 2)
  types?: string[] | null;
}

@ArgsType()
export class EventFeedArgs {
  @Field(() => String, {
    nullable: true,
    description: 'Continue after this cursor (an `endCursor` or an edge `cursor` of an earlier page); null starts at the oldest event kept.',
  })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: `How many events to return: 0 to ${maxPageSize}, default 50.` })
  @Min(0)
  @Max(maxPageSize)
  first?: number | null;

  @Field(() => EventFilterInput, { nullable: true })
  filter?: EventFilterInput | null;
}

@ObjectType('EventFeedEdge', { description: 'One event of the feed, with its cursor.' })
export class EventFeedEdgeObject {
  @Field(() => String, { description: 'Pass as `after` to continue after this event.' })
  cursor!: string;

  @Field(() => ActivityEventObject)
  node!: ActivityRecord;
}

@ObjectType('EventFeedPageInfo', { description: 'Where to continue the feed.' })
export class EventFeedPageInfoObject {
  @Field(() => Boolean, { description: 'Whether more events are ready now; when false, poll again later with `endCursor`.' })
  hasNextPage!: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Where to continue: the cursor of the last event served, or the `after` given when no event was (null only before the first event).',
  })
  endCursor!: string | null;
}

@ObjectType('EventFeed', {
  description:
    'A page of the change feed: every change in the organization in one order that never changes, oldest first. A consumer keeps `endCursor` and asks again: it is never passed an event that commits late, and it sees each event once per position (delivery of what it does with them is its own).',
})
export class EventFeedObject {
  @Field(() => [EventFeedEdgeObject])
  edges!: Edge<ActivityRecord>[];

  @Field(() => EventFeedPageInfoObject)
  pageInfo!: EventFeedPageInfoObject;
}

@Resolver(() => OrganizationObject)
export class EventFeedResolver {
  @FieldResolver(() => EventFeedObject, {
    description:
      'The change feed: every activity event, oldest first, paged with a cursor that stays valid across instances and restarts while the events after it are kept (EVENT_RETENTION_DAYS; then EVENT_CURSOR_EXPIRED: resynchronise from the lists). Admins of any role.',
  })
  async events(@Args(() => EventFeedArgs) args: EventFeedArgs, @Ctx() context: GraphQLContext): Promise<EventFeedObject> {
    const page = await context.services.events.events(actorOf(context), args);
    return {
      edges: page.events.map((node, i) => ({ node, cursor: page.cursors[i] ?? '' })),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.endCursor },
    };
  }
}

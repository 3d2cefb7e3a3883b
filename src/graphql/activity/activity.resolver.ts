import { FieldResolver, Resolver, Root } from 'type-graphql';
import type { ActivityRecord } from '../../domain/activity/activity-event.entity.js';
import { ActivityActorObject, ActivityEventObject } from './activity.type.js';

@Resolver(() => ActivityEventObject)
export class ActivityEventResolver {
  @FieldResolver(() => ActivityActorObject, { description: 'Who made the change.' })
  actor(@Root() event: ActivityRecord): ActivityActorObject {
    return { type: event.actorType, id: event.actorId, label: event.actorLabel };
  }
}

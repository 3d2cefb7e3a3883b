import { ActivityEvent } from '../domain/activity/activity-event.entity.js';
import { ActivityEventPruned } from '../domain/activity/activity-event-pruned.entity.js';
import { Admin } from '../domain/admins/admin.entity.js';
import { Session } from '../domain/admins/session.entity.js';
import { Group } from '../domain/groups/group.entity.js';
import { Member } from '../domain/members/member.entity.js';
import { MemberBlock } from '../domain/members/member-block.entity.js';
import { Organization } from '../domain/organizations/organization.entity.js';
import { ScimConnection, ScimRejectedAttempt } from '../domain/scim-connections/scim-connection.entity.js';
import { ScimToken } from '../domain/scim-tokens/scim-token.entity.js';
import { TeamMembership } from '../domain/teams/team-membership.entity.js';
import { Team } from '../domain/teams/team.entity.js';
import { WebhookAttempt, WebhookDelivery } from '../domain/webhooks/webhook-delivery.entity.js';
import { WebhookEndpoint } from '../domain/webhooks/webhook-endpoint.entity.js';
import { RateLimit } from './rate-limit.entity.js';

/**
 * Every entity class, passed to MikroORM as classes (not globs) so discovery is identical under
 * tsx, vitest and the built `dist/`.
 */
export const entities = [
  Organization,
  Admin,
  Session,
  Group,
  Member,
  MemberBlock,
  Team,
  TeamMembership,
  ScimToken,
  ActivityEvent,
  ActivityEventPruned,
  ScimConnection,
  ScimRejectedAttempt,
  RateLimit,
  WebhookEndpoint,
  WebhookDelivery,
  WebhookAttempt,
];

import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlOf, type Sql } from '../db/sql.js';
import { ActivityService } from './activity/activity.service.js';
import { EventFeedService } from './activity/event-feed.service.js';
import { AuthService, type AuthSettings, type SessionCache } from './admins/auth.service.js';
import { GroupService } from './groups/group.service.js';
import { MemberService } from './members/member.service.js';
import { OrganizationService } from './organizations/organization.service.js';
import { ScimConnectionService } from './scim-connections/scim-connection.service.js';
import type { ScimConnectionRecorder } from './scim-connections/scim-connection.recorder.js';
import { ScimTokenService, type ScimTokenCache } from './scim-tokens/scim-token.service.js';
import { TeamService } from './teams/team.service.js';
import type { OutboundPolicy } from './webhooks/webhook-address.js';
import { WebhookService } from './webhooks/webhook.service.js';

export interface DomainSettings extends AuthSettings {
  /** The pool's SQL runner, when services are made from an EntityManager factory (one per request). */
  readonly sql?: Sql;
  /** Called with background failures that must not fail a request (e.g. the lastUsedAt touch). */
  readonly onBackgroundError?: (error: unknown) => void;
  /** What this instance remembers of checked SCIM tokens and sessions (absent: nothing is remembered). */
  readonly scimTokenCache?: ScimTokenCache;
  readonly sessionCache?: SessionCache;
  /** Where SCIM requests' outcomes are batched for connection health (absent: each is written at once). */
  readonly scimConnectionRecorder?: ScimConnectionRecorder;
  /** Which webhook URLs are allowed (absent: https to public addresses only). */
  readonly webhookPolicy?: OutboundPolicy;
}

export interface Services {
  readonly auth: AuthService;
  readonly organizations: OrganizationService;
  readonly groups: GroupService;
  readonly members: MemberService;
  readonly teams: TeamService;
  readonly scimTokens: ScimTokenService;
  readonly scimConnections: ScimConnectionService;
  readonly activity: ActivityService;
  readonly events: EventFeedService;
  readonly webhooks: WebhookService;
}

/**
 * The domain services of one request (or one CLI command). Members and teams run raw statements
 * on the pool (their rows go straight to JSON); the rest share one EntityManager, which `em`
 * (a forking function: a request's own) gives on first use only — most SCIM requests need none.
 */
export function createServices(em: EntityManager | (() => EntityManager), settings: DomainSettings): Services {
  let forked: EntityManager | undefined;
  const entityManager = typeof em === 'function' ? () => (forked ??= em()) : () => em;
  const sql = typeof em === 'function' ? settings.sql : sqlOf(em);
  if (!sql) throw new Error('createServices needs settings.sql when given an EntityManager factory');
  const scimTokens = new ScimTokenService(entityManager, sql, settings.scimTokenCache, settings.onBackgroundError);
  return {
    auth: new AuthService(entityManager, sql, settings, settings.sessionCache),
    organizations: new OrganizationService(entityManager),
    groups: new GroupService(entityManager, sql, (groupId) => {
      scimTokens.forgetGroup(groupId);
    }),
    members: new MemberService(sql),
    teams: new TeamService(sql),
    scimTokens,
    scimConnections: new ScimConnectionService(entityManager, sql, settings.scimConnectionRecorder),
    activity: new ActivityService(entityManager),
    events: new EventFeedService(sql),
    webhooks: new WebhookService(entityManager, settings.webhookPolicy ?? { allowInsecure: false }),
  };
}

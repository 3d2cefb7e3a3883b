import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlOf } from '../db/sql.js';
import { ActivityService } from './activity/activity.service.js';
import { AuthService, type AuthSettings, type SessionCache } from './admins/auth.service.js';
import { GroupService } from './groups/group.service.js';
import { MemberService } from './members/member.service.js';
import { OrganizationService } from './organizations/organization.service.js';
import { ScimConnectionService } from './scim-connections/scim-connection.service.js';
import type { ScimConnectionRecorder } from './scim-connections/scim-connection.recorder.js';
import { ScimTokenService, type ScimTokenCache } from './scim-tokens/scim-token.service.js';
import { TeamService } from './teams/team.service.js';

export interface DomainSettings extends AuthSettings {
  /** Called with background failures that must not fail a request (e.g. the lastUsedAt touch). */
  readonly onBackgroundError?: (error: unknown) => void;
  /** What this instance remembers of checked SCIM tokens and sessions (absent: nothing is remembered). */
  readonly scimTokenCache?: ScimTokenCache;
  readonly sessionCache?: SessionCache;
  /** Where SCIM requests' outcomes are batched for connection health (absent: each is written at once). */
  readonly scimConnectionRecorder?: ScimConnectionRecorder;
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
}

/**
 * The domain services of one request (or one CLI command). Members and teams run raw statements
 * on the pool (their rows go straight to JSON); the rest share one forked EntityManager (a fork
 * costs about 3 µs here, so it is not made lazily).
 */
export function createServices(em: EntityManager, settings: DomainSettings): Services {
  const sql = sqlOf(em);
  const scimTokens = new ScimTokenService(em, sql, settings.scimTokenCache, settings.onBackgroundError);
  return {
    auth: new AuthService(em, sql, settings, settings.sessionCache),
    organizations: new OrganizationService(em),
    groups: new GroupService(em, (groupId) => {
      scimTokens.forgetGroup(groupId);
    }),
    members: new MemberService(sql),
    teams: new TeamService(sql),
    scimTokens,
    scimConnections: new ScimConnectionService(em, sql, settings.scimConnectionRecorder),
    activity: new ActivityService(em),
  };
}

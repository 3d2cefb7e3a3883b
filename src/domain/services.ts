import type { EntityManager } from '@mikro-orm/postgresql';
import { ActivityService } from './activity/activity.service.js';
import { AuthService, type AuthSettings } from './admins/auth.service.js';
import { GroupService } from './groups/group.service.js';
import { MemberService } from './members/member.service.js';
import { OrganizationService } from './organizations/organization.service.js';
import { ScimConnectionService } from './scim-connections/scim-connection.service.js';
import { ScimTokenService } from './scim-tokens/scim-token.service.js';
import { TeamService } from './teams/team.service.js';

export interface DomainSettings extends AuthSettings {
  /** Called with background failures that must not fail a request (e.g. the lastUsedAt touch). */
  readonly onBackgroundError?: (error: unknown) => void;
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

/** The domain services of one request (or one CLI command), all on the same forked EntityManager. */
export function createServices(em: EntityManager, settings: DomainSettings): Services {
  return {
    auth: new AuthService(em, settings),
    organizations: new OrganizationService(em),
    groups: new GroupService(em),
    members: new MemberService(em),
    teams: new TeamService(em),
    scimTokens: new ScimTokenService(em, settings.onBackgroundError),
    scimConnections: new ScimConnectionService(em),
    activity: new ActivityService(em),
  };
}

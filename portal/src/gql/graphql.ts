/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Narrows a list of activity events: every field given must match. */
export type ActivityFilter = {
  /** Exactly this action, e.g. `member.created`, `scim_token.revoked`. */
  action?: string | null | undefined;
  /** The admin's email or the token's name as recorded (`actor.label`), compared case-insensitively. */
  actorLabel?: string | null | undefined;
  /** Only changes by admins, by SCIM tokens, or by Roster itself. */
  actorType?: ActorType | null | undefined;
  /** Only changes of this member, team, token or group (`targetId`); an unknown id matches nothing. */
  targetId?: string | null | undefined;
};

/** Who made a change. */
export type ActorType =
  /** An admin, in the portal or the API. */
  | 'ADMIN'
  /** An identity provider, through a SCIM token. */
  | 'SCIM_TOKEN'
  /** An operator command or start-up. */
  | 'SYSTEM';

/** What an admin may do. */
export type AdminRole =
  /** Manage groups, members, teams and tokens. */
  | 'ADMIN'
  /** Everything. */
  | 'OWNER'
  /** Read only. */
  | 'VIEWER';

export type CreateGroupInput = {
  /** SCIM needs the PRO plan (see `viewer.organization.features.scim`). */
  kind: GroupKind;
  /** Unique in the organization (case-insensitively), at most 200 characters. */
  name: string;
};

/** A new member of a STANDARD group (SCIM groups are written by their identity provider). */
export type CreateMemberInput = {
  /** Default true. */
  active?: boolean | null | undefined;
  costCenter?: string | null | undefined;
  department?: string | null | undefined;
  displayName?: string | null | undefined;
  division?: string | null | undefined;
  /** At most 20. */
  emails?: Array<MultiValueInput> | null | undefined;
  employeeNumber?: string | null | undefined;
  externalId?: string | null | undefined;
  familyName?: string | null | undefined;
  givenName?: string | null | undefined;
  groupId: string;
  locale?: string | null | undefined;
  nickName?: string | null | undefined;
  /** Enterprise `organization` (a name, not the Roster tenant). */
  organization?: string | null | undefined;
  /** At most 20. */
  phoneNumbers?: Array<MultiValueInput> | null | undefined;
  preferredLanguage?: string | null | undefined;
  timezone?: string | null | undefined;
  title?: string | null | undefined;
  /** Unique in the group (case-insensitively), at most 256 characters. */
  userName: string;
};

export type CreateScimTokenInput = {
  /** When the token stops working; omit for never. */
  expiresAt?: string | null | undefined;
  /** A SCIM group. */
  groupId: string;
  /** Unique among the group's active tokens, e.g. "Okta production". */
  name: string;
};

/** A new team in a STANDARD group. */
export type CreateTeamInput = {
  /** Unique in the group, compared case-insensitively. */
  displayName: string;
  groupId: string;
};

export type CreateWebhookEndpointInput = {
  description?: string | null | undefined;
  /** Default true. */
  enabled?: boolean | null | undefined;
  /** Only these event types, exact or a whole area (`member.*`); null for all. The types: `group.created`, `group.renamed`, `group.deleted`, `member.created`, `member.updated`, `member.deactivated`, `member.reactivated`, `member.deleted`, `team.created`, `team.updated`, `team.deleted`, `team.members_added`, `team.members_removed`, `scim_token.created`, `scim_token.revoked`, `admin.created`, `admin.password_reset`, `webhook_endpoint.created`, `webhook_endpoint.updated`, `webhook_endpoint.secret_rotated`, `webhook_endpoint.disabled`, `webhook_endpoint.deleted`, `webhook_endpoint.replayed`, `webhook_endpoint.test_sent`, `webhook_delivery.failed`. */
  eventTypes?: Array<string> | null | undefined;
  /** Only events of these groups (at most 100); null for all. */
  groupIds?: Array<string> | null | undefined;
  /** The receiver: an https URL at a public address (WEBHOOK_ALLOW_HTTP=true allows http and private addresses, for development). */
  url: string;
};

export type DeleteGroupInput = {
  /** The group to delete, with its members, teams and tokens. */
  id: string;
};

export type DeleteMemberInput = {
  /** The member's `version` as read: the change applies only if nobody changed the member since (else CONFLICT, reason MEMBER_VERSION_MISMATCH). */
  expectedVersion?: number | null | undefined;
  id: string;
};

export type DeleteTeamInput = {
  /** The team's `version` as read: the change applies only if nobody changed the team since (else CONFLICT, reason TEAM_VERSION_MISMATCH). */
  expectedVersion?: number | null | undefined;
  /** The team to delete; its members stay in the group. */
  id: string;
};

export type DeleteWebhookEndpointInput = {
  id: string;
};

/** Which events the feed serves: the fields given must all match. */
export type EventFilter = {
  /** Only events of these groups (at most 100); an id of no group of yours matches nothing. */
  groupIds?: Array<string> | null | undefined;
  /** Only these event types, exact or a whole area (`team.*`): `group.created`, `group.renamed`, `group.deleted`, `member.created`, `member.updated`, `member.deactivated`, `member.reactivated`, `member.deleted`, `team.created`, `team.updated`, `team.deleted`, `team.members_added`, `team.members_removed`, `scim_token.created`, `scim_token.revoked`, `admin.created`, `admin.password_reset`, `webhook_endpoint.created`, `webhook_endpoint.updated`, `webhook_endpoint.secret_rotated`, `webhook_endpoint.disabled`, `webhook_endpoint.deleted`, `webhook_endpoint.replayed`, `webhook_endpoint.test_sent`, `webhook_delivery.failed`. */
  types?: Array<string> | null | undefined;
};

/** Narrows a list of groups. */
export type GroupFilter = {
  kind?: GroupKind | null | undefined;
  /** Case-insensitive part of the name; % and _ match themselves. */
  search?: string | null | undefined;
};

/** Who manages a group's members. */
export type GroupKind =
  /** An identity provider keeps members and teams in sync through SCIM (PRO plan). */
  | 'SCIM'
  /** Admins manage members and teams in the portal. */
  | 'STANDARD';

/** Narrows a list of members. */
export type MemberFilter = {
  /** Only active (true) or only deactivated (false) members. */
  active?: boolean | null | undefined;
  /** Case-insensitive part of the userName, given, family or display name, or an email; % and _ match themselves. */
  search?: string | null | undefined;
};

/** An email address or phone number. */
export type MultiValueInput = {
  primary?: boolean | null | undefined;
  /** e.g. "work", "home", "mobile". */
  type?: string | null | undefined;
  value: string;
};

/** The subscription plan; it decides the features. */
export type OrganizationPlan =
  /** Standard groups only. */
  | 'FREE'
  /** Standard groups and SCIM groups kept in sync by an identity provider. */
  | 'PRO';

export type RenameGroupInput = {
  id: string;
  name: string;
};

export type RenameTeamInput = {
  displayName: string;
  /** The team's `version` as read: the change applies only if nobody changed the team since (else CONFLICT, reason TEAM_VERSION_MISMATCH). */
  expectedVersion?: number | null | undefined;
  id: string;
};

export type ReplayWebhookDeliveriesInput = {
  endpointId: string;
  /** Every message first queued since this time is sent again (at most 10,000), oldest first. */
  since: string;
};

export type ReplayWebhookDeliveryInput = {
  /** A delivery (its `webhook-id`). */
  id: string;
};

export type RevokeScimTokenInput = {
  id: string;
};

export type RotateWebhookSecretInput = {
  id: string;
  /** How long the old secret goes on signing alongside the new one, in hours: 0 to 168, default 24. */
  overlapHours?: number | null | undefined;
};

/** The identity provider a SCIM client looks like, from its User-Agent and request shapes. */
export type ScimClient =
  | 'ENTRA'
  | 'JUMPCLOUD'
  | 'OKTA'
  | 'ONELOGIN'
  | 'OTHER';

/** Why a SCIM request was refused for its credentials (the identity provider is told only 401 or 404). */
export type ScimRejectionCode =
  /** One of this group's tokens, expired (`tokenName` says which). */
  | 'EXPIRED_TOKEN'
  /** Not a Roster SCIM token: cut short, mistyped, or something else pasted. */
  | 'MALFORMED_TOKEN'
  /** No Authorization header. */
  | 'MISSING_AUTHORIZATION'
  /** One of this group's tokens, revoked (`tokenName` says which). */
  | 'REVOKED_TOKEN'
  /** "Bearer Bearer <token>": the identity provider adds the scheme itself; paste the token alone. */
  | 'SCHEME_DOUBLED'
  /** The token came without "Bearer " before it. */
  | 'SCHEME_MISSING'
  /** Shaped like a Roster SCIM token, but not one issued here (or its group was deleted). */
  | 'UNKNOWN_TOKEN'
  /** Another scheme than Bearer (Basic, …). */
  | 'WRONG_SCHEME'
  /** One of this group's valid tokens, sent to a URL that is not this group's SCIM URL (`path` says where). */
  | 'WRONG_URL';

export type SendTestWebhookEventInput = {
  endpointId: string;
};

export type SetMemberActiveInput = {
  /** false deactivates (the member stays listed), true reactivates. */
  active: boolean;
  /** The member's `version` as read: the change applies only if nobody changed the member since (else CONFLICT, reason MEMBER_VERSION_MISMATCH). */
  expectedVersion?: number | null | undefined;
  id: string;
};

export type SignInInput = {
  email: string;
  password: string;
};

/** Members to add to or remove from a team. */
export type TeamMembersInput = {
  /** The team's `version` as read: the change applies only if nobody changed the team since (else CONFLICT, reason TEAM_VERSION_MISMATCH). */
  expectedVersion?: number | null | undefined;
  /** Members of the team's group; at most 1000 per call. */
  memberIds: Array<string>;
  teamId: string;
};

/** Changes to a member: only the fields given change; null clears a field. */
export type UpdateMemberInput = {
  costCenter?: string | null | undefined;
  department?: string | null | undefined;
  displayName?: string | null | undefined;
  division?: string | null | undefined;
  /** At most 20. */
  emails?: Array<MultiValueInput> | null | undefined;
  employeeNumber?: string | null | undefined;
  /** The member's `version` as read: the change applies only if nobody changed the member since (else CONFLICT, reason MEMBER_VERSION_MISMATCH). */
  expectedVersion?: number | null | undefined;
  externalId?: string | null | undefined;
  familyName?: string | null | undefined;
  givenName?: string | null | undefined;
  id: string;
  locale?: string | null | undefined;
  nickName?: string | null | undefined;
  /** Enterprise `organization` (a name, not the Roster tenant). */
  organization?: string | null | undefined;
  /** At most 20. */
  phoneNumbers?: Array<MultiValueInput> | null | undefined;
  preferredLanguage?: string | null | undefined;
  timezone?: string | null | undefined;
  title?: string | null | undefined;
  userName?: string | null | undefined;
};

/** What is given changes; what is left out stays. */
export type UpdateWebhookEndpointInput = {
  description?: string | null | undefined;
  /** Enabling an endpoint Roster disabled clears why. */
  enabled?: boolean | null | undefined;
  /** Only these event types, exact or a whole area (`member.*`); null for all. The types: `group.created`, `group.renamed`, `group.deleted`, `member.created`, `member.updated`, `member.deactivated`, `member.reactivated`, `member.deleted`, `team.created`, `team.updated`, `team.deleted`, `team.members_added`, `team.members_removed`, `scim_token.created`, `scim_token.revoked`, `admin.created`, `admin.password_reset`, `webhook_endpoint.created`, `webhook_endpoint.updated`, `webhook_endpoint.secret_rotated`, `webhook_endpoint.disabled`, `webhook_endpoint.deleted`, `webhook_endpoint.replayed`, `webhook_endpoint.test_sent`, `webhook_delivery.failed`. An empty list is refused; null sends all. */
  eventTypes?: Array<string> | null | undefined;
  /** Null sends every group's events. */
  groupIds?: Array<string> | null | undefined;
  id: string;
  url?: string | null | undefined;
};

/** Where a delivery stands. */
export type WebhookDeliveryStatus =
  /** Given up: every retry failed, or the receiver answered 410 Gone. */
  | 'FAILED'
  /** Queued, or failed and to be retried at `nextAttemptAt`. */
  | 'PENDING'
  /** The receiver answered 2xx. */
  | 'SUCCEEDED';

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { viewer: { admin: { id: string, email: string, role: AdminRole }, organization: { id: string, name: string, plan: OrganizationPlan, features: { scim: boolean } } } };

export type EventFeedQueryVariables = Exact<{
  after?: string | null | undefined;
  first?: number | null | undefined;
  filter?: EventFilter | null | undefined;
}>;


export type EventFeedQuery = { viewer: { organization: { id: string, events: { pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, action: string, createdAt: string, groupId: string | null, requestId: string | null, targetType: string, targetId: string | null, targetLabel: string, changes: Record<string, unknown>, resource: Record<string, unknown> | null, actor: { type: ActorType, label: string } } }> } } } };

export type GroupActivityQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: ActivityFilter | null | undefined;
}>;


export type GroupActivityQuery = { group: { id: string, activity: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, createdAt: string, action: string, targetType: string, targetLabel: string, changes: Record<string, unknown>, requestId: string | null, actor: { type: ActorType, label: string } } }> } } | null };

export type GroupQueryVariables = Exact<{
  id: string;
}>;


export type GroupQuery = { group: { id: string, name: string, kind: GroupKind, memberCount: number, createdAt: string } | null };

export type GroupMembersQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: MemberFilter | null | undefined;
}>;


export type GroupMembersQuery = { group: { id: string, members: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, userName: string, displayName: string | null, active: boolean, updatedAt: string, name: { givenName: string | null, familyName: string | null }, emails: Array<{ value: string, type: string | null, primary: boolean | null }> } }> } } | null };

export type GroupTeamsQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type GroupTeamsQuery = { group: { id: string, teams: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, displayName: string, externalId: string | null, memberCount: number, updatedAt: string } }> } } | null };

export type GroupScimQueryVariables = Exact<{
  id: string;
}>;


export type GroupScimQuery = { group: { id: string, name: string, memberCount: number, scim: { baseUrl: string, tokens: Array<{ id: string, name: string, lastFour: string, createdAt: string, expiresAt: string | null, lastUsedAt: string | null, revokedAt: string | null, createdBy: { email: string } | null }>, connection: { client: ScimClient | null, userAgent: string | null, lastRequestAt: string | null, lastSuccessAt: string | null, failingSince: string | null, lastFailure: { at: string, status: number, detail: string | null, requestId: string | null } | null, rejectedAttempts: Array<{ at: string, client: ScimClient | null, code: ScimRejectionCode, reason: string, tokenLastFour: string | null, tokenName: string | null, path: string | null }> } } | null } | null };

export type CreateScimTokenMutationVariables = Exact<{
  input: CreateScimTokenInput;
}>;


export type CreateScimTokenMutation = { createScimToken: { token: string, scimToken: { id: string, name: string, lastFour: string } } };

export type RevokeScimTokenMutationVariables = Exact<{
  input: RevokeScimTokenInput;
}>;


export type RevokeScimTokenMutation = { revokeScimToken: { scimToken: { id: string, revokedAt: string | null } } };

export type RenameGroupMutationVariables = Exact<{
  input: RenameGroupInput;
}>;


export type RenameGroupMutation = { renameGroup: { group: { id: string, name: string } } };

export type DeleteGroupMutationVariables = Exact<{
  input: DeleteGroupInput;
}>;


export type DeleteGroupMutation = { deleteGroup: { deletedGroupId: string } };

export type GroupChoicesQueryVariables = Exact<{ [key: string]: never; }>;


export type GroupChoicesQuery = { groups: { totalCount: number, edges: Array<{ node: { id: string, name: string } }> } };

export type GroupsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  filter?: GroupFilter | null | undefined;
}>;


export type GroupsQuery = { groups: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, name: string, kind: GroupKind, memberCount: number, scim: { tokens: Array<{ id: string, revokedAt: string | null, expiresAt: string | null }>, connection: { client: ScimClient | null, lastRequestAt: string | null, lastSuccessAt: string | null, failingSince: string | null, lastFailure: { at: string, status: number, detail: string | null } | null, rejectedAttempts: Array<{ at: string, code: ScimRejectionCode, reason: string }> } } | null } }> } };

export type CreateGroupMutationVariables = Exact<{
  input: CreateGroupInput;
}>;


export type CreateGroupMutation = { createGroup: { group: { id: string, name: string, kind: GroupKind } } };

export type MemberQueryVariables = Exact<{
  id: string;
}>;


export type MemberQuery = { member: { id: string, userName: string, externalId: string | null, active: boolean, version: number, displayName: string | null, nickName: string | null, title: string | null, userType: string | null, profileUrl: string | null, locale: string | null, timezone: string | null, preferredLanguage: string | null, createdAt: string, updatedAt: string, name: { givenName: string | null, familyName: string | null, middleName: string | null, honorificPrefix: string | null, honorificSuffix: string | null, formatted: string | null }, emails: Array<{ value: string, type: string | null, primary: boolean | null }>, phoneNumbers: Array<{ value: string, type: string | null, primary: boolean | null }>, addresses: Array<{ type: string | null, formatted: string | null, streetAddress: string | null, locality: string | null, region: string | null, postalCode: string | null, country: string | null, primary: boolean | null }>, enterprise: { employeeNumber: string | null, department: string | null, costCenter: string | null, organization: string | null, division: string | null, manager: { value: string | null, displayName: string | null } | null }, otherScimAttributes: Array<{ name: string, value: unknown }>, teams: Array<{ id: string, displayName: string }>, group: { id: string, name: string, kind: GroupKind } } | null };

export type CreateMemberMutationVariables = Exact<{
  input: CreateMemberInput;
}>;


export type CreateMemberMutation = { createMember: { member: { id: string } } };

export type UpdateMemberMutationVariables = Exact<{
  input: UpdateMemberInput;
}>;


export type UpdateMemberMutation = { updateMember: { member: { id: string, version: number } } };

export type SetMemberActiveMutationVariables = Exact<{
  input: SetMemberActiveInput;
}>;


export type SetMemberActiveMutation = { setMemberActive: { member: { id: string, active: boolean, version: number } } };

export type DeleteMemberMutationVariables = Exact<{
  input: DeleteMemberInput;
}>;


export type DeleteMemberMutation = { deleteMember: { deletedMemberId: string } };

export type SignInMutationVariables = Exact<{
  input: SignInInput;
}>;


export type SignInMutation = { signIn: { expiresAt: string, viewer: { admin: { id: string, email: string, role: AdminRole } } } };

export type SignOutMutationVariables = Exact<{ [key: string]: never; }>;


export type SignOutMutation = { signOut: { signedOut: boolean } };

export type TeamQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type TeamQuery = { team: { id: string, displayName: string, externalId: string | null, memberCount: number, version: number, createdAt: string, updatedAt: string, group: { id: string, name: string, kind: GroupKind }, members: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, userName: string, displayName: string | null, active: boolean, name: { givenName: string | null, familyName: string | null } } }> } } | null };

export type TeamCandidatesQueryVariables = Exact<{
  groupId: string;
  search?: string | null | undefined;
}>;


export type TeamCandidatesQuery = { group: { id: string, members: { edges: Array<{ node: { id: string, userName: string, teams: Array<{ id: string }> } }> } } | null };

export type CreateTeamMutationVariables = Exact<{
  input: CreateTeamInput;
}>;


export type CreateTeamMutation = { createTeam: { team: { id: string } } };

export type RenameTeamMutationVariables = Exact<{
  input: RenameTeamInput;
}>;


export type RenameTeamMutation = { renameTeam: { team: { id: string, displayName: string, version: number } } };

export type DeleteTeamMutationVariables = Exact<{
  input: DeleteTeamInput;
}>;


export type DeleteTeamMutation = { deleteTeam: { deletedTeamId: string } };

export type AddTeamMembersMutationVariables = Exact<{
  input: TeamMembersInput;
}>;


export type AddTeamMembersMutation = { addTeamMembers: { changed: number } };

export type RemoveTeamMembersMutationVariables = Exact<{
  input: TeamMembersInput;
}>;


export type RemoveTeamMembersMutation = { removeTeamMembers: { changed: number } };

export type WebhookDeliveriesQueryVariables = Exact<{
  id: string;
  first?: number | null | undefined;
  after?: string | null | undefined;
  status?: WebhookDeliveryStatus | null | undefined;
}>;


export type WebhookDeliveriesQuery = { viewer: { organization: { id: string, webhookEndpoint: { id: string, deliveries: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, eventId: string, eventType: string, body: string, status: WebhookDeliveryStatus, attempts: number, lastStatus: number | null, nextAttemptAt: string | null, createdAt: string, completedAt: string | null, attemptLog: Array<{ attemptedAt: string, status: number | null, durationMs: number, error: string | null, responseBody: string | null }> } }> } } | null } } };

export type ReplayWebhookDeliveryMutationVariables = Exact<{
  input: ReplayWebhookDeliveryInput;
}>;


export type ReplayWebhookDeliveryMutation = { replayWebhookDelivery: { delivery: { id: string } } };

export type ReplayWebhookDeliveriesMutationVariables = Exact<{
  input: ReplayWebhookDeliveriesInput;
}>;


export type ReplayWebhookDeliveriesMutation = { replayWebhookDeliveries: { queued: number } };

export type WebhookEndpointQueryVariables = Exact<{
  id: string;
}>;


export type WebhookEndpointQuery = { viewer: { organization: { id: string, webhookEndpoint: { id: string, url: string, description: string | null, enabled: boolean, disabledReason: string | null, failingSince: string | null, eventTypes: Array<string> | null, groupIds: Array<string> | null, previousSecretUntil: string | null, createdAt: string } | null } } };

export type UpdateWebhookEndpointMutationVariables = Exact<{
  input: UpdateWebhookEndpointInput;
}>;


export type UpdateWebhookEndpointMutation = { updateWebhookEndpoint: { endpoint: { id: string, url: string, description: string | null, enabled: boolean, disabledReason: string | null, failingSince: string | null, eventTypes: Array<string> | null, groupIds: Array<string> | null } } };

export type DeleteWebhookEndpointMutationVariables = Exact<{
  input: DeleteWebhookEndpointInput;
}>;


export type DeleteWebhookEndpointMutation = { deleteWebhookEndpoint: { deletedEndpointId: string } };

export type RotateWebhookSecretMutationVariables = Exact<{
  input: RotateWebhookSecretInput;
}>;


export type RotateWebhookSecretMutation = { rotateWebhookSecret: { secret: string, endpoint: { id: string, previousSecretUntil: string | null } } };

export type SendTestWebhookEventMutationVariables = Exact<{
  input: SendTestWebhookEventInput;
}>;


export type SendTestWebhookEventMutation = { sendTestWebhookEvent: { delivery: { id: string } } };

export type WebhookEndpointsQueryVariables = Exact<{ [key: string]: never; }>;


export type WebhookEndpointsQuery = { viewer: { organization: { id: string, webhookEndpoints: Array<{ id: string, url: string, description: string | null, enabled: boolean, disabledReason: string | null, failingSince: string | null, eventTypes: Array<string> | null, groupIds: Array<string> | null, createdAt: string }> } } };

export type CreateWebhookEndpointMutationVariables = Exact<{
  input: CreateWebhookEndpointInput;
}>;


export type CreateWebhookEndpointMutation = { createWebhookEndpoint: { secret: string, endpoint: { id: string, url: string } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}

export const ViewerDocument = new TypedDocumentString(`
    query Viewer {
  viewer {
    admin {
      id
      email
      role
    }
    organization {
      id
      name
      plan
      features {
        scim
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ViewerQuery, ViewerQueryVariables>;
export const EventFeedDocument = new TypedDocumentString(`
    query EventFeed($after: String, $first: Int, $filter: EventFilter) {
  viewer {
    organization {
      id
      events(after: $after, first: $first, filter: $filter) {
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            id
            action
            createdAt
            groupId
            actor {
              type
              label
            }
            requestId
            targetType
            targetId
            targetLabel
            changes
            resource
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<EventFeedQuery, EventFeedQueryVariables>;
export const GroupActivityDocument = new TypedDocumentString(`
    query GroupActivity($id: ID!, $first: Int, $after: String, $filter: ActivityFilter) {
  group(id: $id) {
    id
    activity(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          createdAt
          action
          actor {
            type
            label
          }
          targetType
          targetLabel
          changes
          requestId
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<GroupActivityQuery, GroupActivityQueryVariables>;
export const GroupDocument = new TypedDocumentString(`
    query Group($id: ID!) {
  group(id: $id) {
    id
    name
    kind
    memberCount
    createdAt
  }
}
    `) as unknown as TypedDocumentString<GroupQuery, GroupQueryVariables>;
export const GroupMembersDocument = new TypedDocumentString(`
    query GroupMembers($id: ID!, $first: Int, $after: String, $filter: MemberFilter) {
  group(id: $id) {
    id
    members(first: $first, after: $after, filter: $filter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          userName
          displayName
          name {
            givenName
            familyName
          }
          emails {
            value
            type
            primary
          }
          active
          updatedAt
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<GroupMembersQuery, GroupMembersQueryVariables>;
export const GroupTeamsDocument = new TypedDocumentString(`
    query GroupTeams($id: ID!, $first: Int, $after: String) {
  group(id: $id) {
    id
    teams(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          displayName
          externalId
          memberCount
          updatedAt
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<GroupTeamsQuery, GroupTeamsQueryVariables>;
export const GroupScimDocument = new TypedDocumentString(`
    query GroupScim($id: ID!) {
  group(id: $id) {
    id
    name
    memberCount
    scim {
      baseUrl
      tokens {
        id
        name
        lastFour
        createdAt
        createdBy {
          email
        }
        expiresAt
        lastUsedAt
        revokedAt
      }
      connection {
        client
        userAgent
        lastRequestAt
        lastSuccessAt
        lastFailure {
          at
          status
          detail
          requestId
        }
        failingSince
        rejectedAttempts {
          at
          client
          code
          reason
          tokenLastFour
          tokenName
          path
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<GroupScimQuery, GroupScimQueryVariables>;
export const CreateScimTokenDocument = new TypedDocumentString(`
    mutation CreateScimToken($input: CreateScimTokenInput!) {
  createScimToken(input: $input) {
    token
    scimToken {
      id
      name
      lastFour
    }
  }
}
    `) as unknown as TypedDocumentString<CreateScimTokenMutation, CreateScimTokenMutationVariables>;
export const RevokeScimTokenDocument = new TypedDocumentString(`
    mutation RevokeScimToken($input: RevokeScimTokenInput!) {
  revokeScimToken(input: $input) {
    scimToken {
      id
      revokedAt
    }
  }
}
    `) as unknown as TypedDocumentString<RevokeScimTokenMutation, RevokeScimTokenMutationVariables>;
export const RenameGroupDocument = new TypedDocumentString(`
    mutation RenameGroup($input: RenameGroupInput!) {
  renameGroup(input: $input) {
    group {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<RenameGroupMutation, RenameGroupMutationVariables>;
export const DeleteGroupDocument = new TypedDocumentString(`
    mutation DeleteGroup($input: DeleteGroupInput!) {
  deleteGroup(input: $input) {
    deletedGroupId
  }
}
    `) as unknown as TypedDocumentString<DeleteGroupMutation, DeleteGroupMutationVariables>;
export const GroupChoicesDocument = new TypedDocumentString(`
    query GroupChoices {
  groups(first: 200) {
    totalCount
    edges {
      node {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<GroupChoicesQuery, GroupChoicesQueryVariables>;
export const GroupsDocument = new TypedDocumentString(`
    query Groups($first: Int, $after: String, $filter: GroupFilter) {
  groups(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        name
        kind
        memberCount
        scim {
          tokens {
            id
            revokedAt
            expiresAt
          }
          connection {
            client
            lastRequestAt
            lastSuccessAt
            lastFailure {
              at
              status
              detail
            }
            failingSince
            rejectedAttempts {
              at
              code
              reason
            }
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<GroupsQuery, GroupsQueryVariables>;
export const CreateGroupDocument = new TypedDocumentString(`
    mutation CreateGroup($input: CreateGroupInput!) {
  createGroup(input: $input) {
    group {
      id
      name
      kind
    }
  }
}
    `) as unknown as TypedDocumentString<CreateGroupMutation, CreateGroupMutationVariables>;
export const MemberDocument = new TypedDocumentString(`
    query Member($id: ID!) {
  member(id: $id) {
    id
    userName
    externalId
    active
    version
    displayName
    nickName
    title
    userType
    profileUrl
    locale
    timezone
    preferredLanguage
    createdAt
    updatedAt
    name {
      givenName
      familyName
      middleName
      honorificPrefix
      honorificSuffix
      formatted
    }
    emails {
      value
      type
      primary
    }
    phoneNumbers {
      value
      type
      primary
    }
    addresses {
      type
      formatted
      streetAddress
      locality
      region
      postalCode
      country
      primary
    }
    enterprise {
      employeeNumber
      department
      costCenter
      organization
      division
      manager {
        value
        displayName
      }
    }
    otherScimAttributes {
      name
      value
    }
    teams {
      id
      displayName
    }
    group {
      id
      name
      kind
    }
  }
}
    `) as unknown as TypedDocumentString<MemberQuery, MemberQueryVariables>;
export const CreateMemberDocument = new TypedDocumentString(`
    mutation CreateMember($input: CreateMemberInput!) {
  createMember(input: $input) {
    member {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<CreateMemberMutation, CreateMemberMutationVariables>;
export const UpdateMemberDocument = new TypedDocumentString(`
    mutation UpdateMember($input: UpdateMemberInput!) {
  updateMember(input: $input) {
    member {
      id
      version
    }
  }
}
    `) as unknown as TypedDocumentString<UpdateMemberMutation, UpdateMemberMutationVariables>;
export const SetMemberActiveDocument = new TypedDocumentString(`
    mutation SetMemberActive($input: SetMemberActiveInput!) {
  setMemberActive(input: $input) {
    member {
      id
      active
      version
    }
  }
}
    `) as unknown as TypedDocumentString<SetMemberActiveMutation, SetMemberActiveMutationVariables>;
export const DeleteMemberDocument = new TypedDocumentString(`
    mutation DeleteMember($input: DeleteMemberInput!) {
  deleteMember(input: $input) {
    deletedMemberId
  }
}
    `) as unknown as TypedDocumentString<DeleteMemberMutation, DeleteMemberMutationVariables>;
export const SignInDocument = new TypedDocumentString(`
    mutation SignIn($input: SignInInput!) {
  signIn(input: $input) {
    expiresAt
    viewer {
      admin {
        id
        email
        role
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SignInMutation, SignInMutationVariables>;
export const SignOutDocument = new TypedDocumentString(`
    mutation SignOut {
  signOut {
    signedOut
  }
}
    `) as unknown as TypedDocumentString<SignOutMutation, SignOutMutationVariables>;
export const TeamDocument = new TypedDocumentString(`
    query Team($id: ID!, $first: Int, $after: String) {
  team(id: $id) {
    id
    displayName
    externalId
    memberCount
    version
    createdAt
    updatedAt
    group {
      id
      name
      kind
    }
    members(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          userName
          displayName
          name {
            givenName
            familyName
          }
          active
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TeamQuery, TeamQueryVariables>;
export const TeamCandidatesDocument = new TypedDocumentString(`
    query TeamCandidates($groupId: ID!, $search: String) {
  group(id: $groupId) {
    id
    members(first: 10, filter: {search: $search}) {
      edges {
        node {
          id
          userName
          teams {
            id
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<TeamCandidatesQuery, TeamCandidatesQueryVariables>;
export const CreateTeamDocument = new TypedDocumentString(`
    mutation CreateTeam($input: CreateTeamInput!) {
  createTeam(input: $input) {
    team {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<CreateTeamMutation, CreateTeamMutationVariables>;
export const RenameTeamDocument = new TypedDocumentString(`
    mutation RenameTeam($input: RenameTeamInput!) {
  renameTeam(input: $input) {
    team {
      id
      displayName
      version
    }
  }
}
    `) as unknown as TypedDocumentString<RenameTeamMutation, RenameTeamMutationVariables>;
export const DeleteTeamDocument = new TypedDocumentString(`
    mutation DeleteTeam($input: DeleteTeamInput!) {
  deleteTeam(input: $input) {
    deletedTeamId
  }
}
    `) as unknown as TypedDocumentString<DeleteTeamMutation, DeleteTeamMutationVariables>;
export const AddTeamMembersDocument = new TypedDocumentString(`
    mutation AddTeamMembers($input: TeamMembersInput!) {
  addTeamMembers(input: $input) {
    changed
  }
}
    `) as unknown as TypedDocumentString<AddTeamMembersMutation, AddTeamMembersMutationVariables>;
export const RemoveTeamMembersDocument = new TypedDocumentString(`
    mutation RemoveTeamMembers($input: TeamMembersInput!) {
  removeTeamMembers(input: $input) {
    changed
  }
}
    `) as unknown as TypedDocumentString<RemoveTeamMembersMutation, RemoveTeamMembersMutationVariables>;
export const WebhookDeliveriesDocument = new TypedDocumentString(`
    query WebhookDeliveries($id: ID!, $first: Int, $after: String, $status: WebhookDeliveryStatus) {
  viewer {
    organization {
      id
      webhookEndpoint(id: $id) {
        id
        deliveries(first: $first, after: $after, status: $status) {
          totalCount
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              id
              eventId
              eventType
              body
              status
              attempts
              lastStatus
              nextAttemptAt
              createdAt
              completedAt
              attemptLog {
                attemptedAt
                status
                durationMs
                error
                responseBody
              }
            }
          }
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebhookDeliveriesQuery, WebhookDeliveriesQueryVariables>;
export const ReplayWebhookDeliveryDocument = new TypedDocumentString(`
    mutation ReplayWebhookDelivery($input: ReplayWebhookDeliveryInput!) {
  replayWebhookDelivery(input: $input) {
    delivery {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ReplayWebhookDeliveryMutation, ReplayWebhookDeliveryMutationVariables>;
export const ReplayWebhookDeliveriesDocument = new TypedDocumentString(`
    mutation ReplayWebhookDeliveries($input: ReplayWebhookDeliveriesInput!) {
  replayWebhookDeliveries(input: $input) {
    queued
  }
}
    `) as unknown as TypedDocumentString<ReplayWebhookDeliveriesMutation, ReplayWebhookDeliveriesMutationVariables>;
export const WebhookEndpointDocument = new TypedDocumentString(`
    query WebhookEndpoint($id: ID!) {
  viewer {
    organization {
      id
      webhookEndpoint(id: $id) {
        id
        url
        description
        enabled
        disabledReason
        failingSince
        eventTypes
        groupIds
        previousSecretUntil
        createdAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebhookEndpointQuery, WebhookEndpointQueryVariables>;
export const UpdateWebhookEndpointDocument = new TypedDocumentString(`
    mutation UpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
  updateWebhookEndpoint(input: $input) {
    endpoint {
      id
      url
      description
      enabled
      disabledReason
      failingSince
      eventTypes
      groupIds
    }
  }
}
    `) as unknown as TypedDocumentString<UpdateWebhookEndpointMutation, UpdateWebhookEndpointMutationVariables>;
export const DeleteWebhookEndpointDocument = new TypedDocumentString(`
    mutation DeleteWebhookEndpoint($input: DeleteWebhookEndpointInput!) {
  deleteWebhookEndpoint(input: $input) {
    deletedEndpointId
  }
}
    `) as unknown as TypedDocumentString<DeleteWebhookEndpointMutation, DeleteWebhookEndpointMutationVariables>;
export const RotateWebhookSecretDocument = new TypedDocumentString(`
    mutation RotateWebhookSecret($input: RotateWebhookSecretInput!) {
  rotateWebhookSecret(input: $input) {
    secret
    endpoint {
      id
      previousSecretUntil
    }
  }
}
    `) as unknown as TypedDocumentString<RotateWebhookSecretMutation, RotateWebhookSecretMutationVariables>;
export const SendTestWebhookEventDocument = new TypedDocumentString(`
    mutation SendTestWebhookEvent($input: SendTestWebhookEventInput!) {
  sendTestWebhookEvent(input: $input) {
    delivery {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<SendTestWebhookEventMutation, SendTestWebhookEventMutationVariables>;
export const WebhookEndpointsDocument = new TypedDocumentString(`
    query WebhookEndpoints {
  viewer {
    organization {
      id
      webhookEndpoints {
        id
        url
        description
        enabled
        disabledReason
        failingSince
        eventTypes
        groupIds
        createdAt
      }
    }
  }
}
    `) as unknown as TypedDocumentString<WebhookEndpointsQuery, WebhookEndpointsQueryVariables>;
export const CreateWebhookEndpointDocument = new TypedDocumentString(`
    mutation CreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) {
    secret
    endpoint {
      id
      url
    }
  }
}
    `) as unknown as TypedDocumentString<CreateWebhookEndpointMutation, CreateWebhookEndpointMutationVariables>;
/** Admin roles, from most to least powerful. VIEWER reads only. */
export enum AdminRole {
  OWNER = 'OWNER',
  ADMIN = 'ADMIN',
  VIEWER = 'VIEWER',
}

/** An admin signed in through a session (portal, GraphQL IDE, API client with a bearer session). */
export interface AdminActor {
  readonly kind: 'admin';
  readonly adminId: string;
  readonly organizationId: string;
  readonly role: AdminRole;
  readonly email: string;
  readonly sessionId: string;
  readonly requestId: string | null;
}

/** An identity provider calling the SCIM facade with one group's token. */
export interface ScimTokenActor {
  readonly kind: 'scimToken';
  readonly tokenId: string;
  readonly tokenName: string;
  readonly organizationId: string;
  /** The only group this actor can see or change. */
  readonly groupId: string;
  readonly requestId: string | null;
}

/** Whoever asks a service to do something; the only source of scope (never the request body). */
export type Actor = AdminActor | ScimTokenActor;

/** The CLI and start-up bootstrap: not a tenant user, recorded as "system" in the activity log. */
export interface SystemActor {
  readonly kind: 'system';
  readonly requestId: null;
}

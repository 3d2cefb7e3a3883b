/**
 * A SCIM group's base URL: `{PUBLIC_URL}/scim/v2/{groupId}`. One per group; no `_` anywhere (Okta
 * refuses such base URLs: Okta SCIM docs), which config and UUID ids guarantee.
 */
export function scimBaseUrl(publicUrl: string, groupId: string): string {
  return `${publicUrl}/scim/v2/${groupId}`;
}

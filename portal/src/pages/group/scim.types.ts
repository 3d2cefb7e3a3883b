import type { GroupScimQuery } from '../../gql/graphql';

/** A SCIM group's settings as the SCIM tab reads them (scim.graphql). */
export type GroupScim = NonNullable<NonNullable<GroupScimQuery['group']>['scim']>;

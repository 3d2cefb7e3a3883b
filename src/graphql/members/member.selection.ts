import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { MemberProperty } from '../../domain/members/member.record.js';

/**
 * What each field of `Member` reads of its record (member.type.ts and the field resolvers of
 * member.resolver.ts). The keys (id, group, userNameKey) are always read, so `id`, `group` and
 * `teams` need nothing more. A field missing here makes the page read every column.
 */
export const memberFieldProperties: Readonly<Record<string, readonly MemberProperty[]>> = {
  __typename: [],
  id: [],
  userName: ['userName'],
  externalId: ['externalId'],
  displayName: ['displayName'],
  nickName: ['nickName'],
  profileUrl: ['profileUrl'],
  title: ['title'],
  userType: ['userType'],
  preferredLanguage: ['preferredLanguage'],
  locale: ['locale'],
  timezone: ['timezone'],
  active: ['active'],
  emails: ['emails'],
  phoneNumbers: ['phoneNumbers'],
  addresses: ['addresses'],
  version: ['version'],
  createdAt: ['createdAt'],
  updatedAt: ['updatedAt'],
  name: ['formattedName', 'givenName', 'familyName', 'middleName', 'honorificPrefix', 'honorificSuffix'],
  enterprise: ['employeeNumber', 'costCenter', 'enterpriseOrganization', 'division', 'department', 'manager'],
  otherScimAttributes: ['otherAttributes', 'extensions'],
  group: [],
  teams: [],
};

/** Calls `visit` with the name and selection of every field of a selection set, through fragments. */
function eachField(
  selectionSet: SelectionSetNode | undefined,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
  visit: (name: string, selectionSet: SelectionSetNode | undefined) => void,
): void {
  for (const selection of selectionSet?.selections ?? []) {
    if (selection.kind === Kind.FIELD) visit(selection.name.value, selection.selectionSet);
    else if (selection.kind === Kind.INLINE_FRAGMENT) eachField(selection.selectionSet, fragments, visit);
    else eachField(fragments[selection.name.value]?.selectionSet, fragments, visit);
  }
}

/**
 * The member properties a connection field's selection reads under `edges { node { … } }`, in
 * every place the field is selected (aliases, fragments and fields under @skip/@include count:
 * reading a column too many is harmless). Undefined, for "every column", when a field is not in
 * memberFieldProperties.
 */
export function memberPropertiesOf(info: GraphQLResolveInfo): MemberProperty[] | undefined {
  const fields = new Set<string>();
  for (const connection of info.fieldNodes)
    eachField(connection.selectionSet, info.fragments, (edgesName, edges) => {
      if (edgesName === 'edges')
        eachField(edges, info.fragments, (nodeName, node) => {
          if (nodeName === 'node') eachField(node, info.fragments, (field) => fields.add(field));
        });
    });
  const properties = new Set<MemberProperty>();
  for (const field of fields) {
    if (!Object.hasOwn(memberFieldProperties, field)) return undefined;
    for (const property of memberFieldProperties[field] ?? []) properties.add(property);
  }
  return [...properties].sort();
}

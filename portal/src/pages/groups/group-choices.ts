import { useQuery } from '@tanstack/react-query';
import { request } from '../../api/graphql-client';
import { GroupChoicesDocument, type GroupChoicesQuery } from '../../gql/graphql';

export type GroupChoice = GroupChoicesQuery['groups']['edges'][number]['node'];

/**
 * The groups a filter can name (group-choices.graphql): the first 200, the API's page limit. Under
 * ['groups'], so a group created, renamed or deleted elsewhere in the portal refreshes it.
 */
export function useGroupChoices() {
  return useQuery({
    queryKey: ['groups', 'choices'],
    queryFn: () => request(GroupChoicesDocument).then((data) => data.groups),
    staleTime: 30_000,
  });
}

/** A group's name by id, or what is known of it when it is not among the choices (deleted, or past the first 200). */
export function groupLabel(groups: readonly GroupChoice[] | undefined, id: string): string {
  return groups?.find((group) => group.id === id)?.name ?? `Group ${id.slice(0, 8)}… (deleted, or not among the first 200)`;
}

import { collapseTypes, eventAreas } from './event-types';

/**
 * The webhook endpoint form (add and edit): what it edits, what it checks before sending (only
 * what saves a round trip: the server checks the URL's scheme and address, the types and groups),
 * and the API input it sends. `types` and `groupIds` are used only when `allTypes` / `allGroups`
 * is off.
 */
export interface EndpointFormValues {
  readonly url: string;
  readonly description: string;
  readonly allTypes: boolean;
  readonly types: readonly string[];
  readonly allGroups: boolean;
  readonly groupIds: readonly string[];
  readonly enabled: boolean;
}

export type EndpointField = 'url' | 'description' | 'eventTypes' | 'groupIds';

export const emptyEndpoint: EndpointFormValues = { url: '', description: '', allTypes: true, types: [], allGroups: true, groupIds: [], enabled: true };

/** The API's limit on a description (webhook.service.ts). */
const maxDescription = 500;

/** An endpoint as read, as form values. */
export function endpointToForm(endpoint: {
  url: string;
  description: string | null;
  eventTypes: readonly string[] | null;
  groupIds: readonly string[] | null;
  enabled: boolean;
}): EndpointFormValues {
  return {
    url: endpoint.url,
    description: endpoint.description ?? '',
    allTypes: endpoint.eventTypes === null,
    types: endpoint.eventTypes ?? [],
    allGroups: endpoint.groupIds === null,
    groupIds: endpoint.groupIds ?? [],
    enabled: endpoint.enabled,
  };
}

/** Problems by field; empty when the form may be sent. */
export function validateEndpoint(values: EndpointFormValues): Partial<Record<EndpointField, string>> {
  const problems: Partial<Record<EndpointField, string>> = {};
  if (values.url.trim() === '') problems.url = 'Give the receiver’s URL, e.g. https://example.com/webhooks/roster.';
  if (values.description.trim().length > maxDescription) problems.description = `At most ${maxDescription} characters.`;
  if (!values.allTypes && values.types.length === 0) problems.eventTypes = 'Choose at least one event type, or send every event.';
  if (!values.allGroups && values.groupIds.length === 0) problems.groupIds = 'Choose at least one group, or send every group’s events.';
  return problems;
}

/** What both inputs share: the filters as patterns (`member.*` for a whole area), null for all. */
function filters(values: EndpointFormValues) {
  return {
    url: values.url.trim(),
    description: values.description.trim() === '' ? null : values.description.trim(),
    eventTypes: values.allTypes ? null : collapseTypes(values.types),
    groupIds: values.allGroups ? null : [...values.groupIds],
    enabled: values.enabled,
  };
}

/** CreateWebhookEndpointInput. */
export function createEndpointInput(values: EndpointFormValues) {
  return filters(values);
}

/** UpdateWebhookEndpointInput: every field is sent; the server records only what changed. */
export function updateEndpointInput(id: string, values: EndpointFormValues) {
  return { id, ...filters(values) };
}

/** A server field (`url`, `eventTypes`, `filter.types`, `groupIds[2]`) as the form's field, when it has one. */
export function endpointFieldOf(serverField: string): EndpointField | null {
  const name = serverField.replace(/\[\d+\]$/, '');
  if (name === 'url' || name === 'description' || name === 'eventTypes' || name === 'groupIds') return name;
  return null;
}

/** The chosen types with a whole area chosen or cleared. */
export function toggleArea(types: readonly string[], area: string, on: boolean): string[] {
  const inArea = new Set(eventAreas.find((a) => a.area === area)?.types ?? []);
  const others = types.filter((type) => !inArea.has(type));
  return on ? [...others, ...inArea] : others;
}

/** A list of chosen ids (event types, groups) with one chosen or cleared. */
export function toggleChoice(chosen: readonly string[], item: string, on: boolean): string[] {
  const others = chosen.filter((c) => c !== item);
  return on ? [...others, item] : others;
}

/** Whether all, some or none of an area's types are chosen (its checkbox: checked, mixed, clear). */
export function areaChoice(types: readonly string[], area: string): 'all' | 'some' | 'none' {
  const inArea = eventAreas.find((a) => a.area === area)?.types ?? [];
  const chosen = inArea.filter((type) => types.includes(type)).length;
  return chosen === 0 ? 'none' : chosen === inArea.length ? 'all' : 'some';
}

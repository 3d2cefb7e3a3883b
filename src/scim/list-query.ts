import type { Condition } from '../domain/shared/condition.js';
import { FilterError } from './filter/ast.js';
import { parseFilter } from './filter/parser.js';
import { fieldOf, toCondition, type ResourceSchemas } from './filter/to-condition.js';
import { ScimError } from './scim-error.js';

export interface ScimPaging {
  /** Default page size when the client sends no `count`, and the most we return. */
  readonly defaultCount: number;
  readonly maxCount: number;
}

export interface ListQuery {
  readonly condition: Condition | null;
  readonly startIndex: number;
  readonly count: number;
  readonly sortBy?: string;
  readonly descending: boolean;
  readonly attributes: readonly string[];
  readonly excludedAttributes: readonly string[];
}

/** The largest startIndex taken as given (PostgreSQL's integer); beyond it, lists are empty anyway. */
const maxStartIndex = 2_147_483_647;

function single(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw new ScimError(400, `"${name}" must be given once, as a string.`, 'invalidValue');
}

function integer(value: unknown, name: string): number | undefined {
  const text = single(value, name);
  if (text === undefined || text.trim() === '') return undefined;
  if (!/^\s*-?\d+\s*$/.test(text)) throw new ScimError(400, `"${name}" must be an integer (got ${JSON.stringify(text)}).`, 'invalidValue');
  return Number.parseInt(text, 10);
}

function list(value: unknown, name: string): string[] {
  const text = Array.isArray(value) ? value.join(',') : single(value, name);
  return text
    ? text
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean)
    : [];
}

/**
 * Reads list parameters from the query string (GET) or a SearchRequest body (POST .search), once:
 * express re-parses `req.query` on every access, so it is never rewritten in place.
 * `startIndex` below 1 counts as 1 and `count` below 0 as 0 (RFC 7644 §3.4.2.4); `count` above the
 * maximum is capped, and so is a `startIndex` past any possible group (advertised in ServiceProviderConfig). A filter that does not parse, or names
 * an unknown attribute, is refused — never answered with everything.
 */
export function readListQuery(source: Record<string, unknown>, resource: ResourceSchemas, paging: ScimPaging): ListQuery {
  const filterText = single(source.filter, 'filter');
  let condition: Condition | null = null;
  if (filterText !== undefined) {
    try {
      condition = toCondition(parseFilter(filterText), resource);
    } catch (error) {
      if (error instanceof FilterError) throw new ScimError(400, `Invalid filter: ${error.message}`, 'invalidFilter');
      throw error;
    }
  }
  // Past the largest group there can be, every page is empty: any larger index answers the same.
  const startIndex = Math.min(Math.max(integer(source.startIndex, 'startIndex') ?? 1, 1), maxStartIndex);
  const count = Math.min(Math.max(integer(source.count, 'count') ?? paging.defaultCount, 0), paging.maxCount);
  const sortOrder = single(source.sortOrder, 'sortOrder')?.toLowerCase();
  if (sortOrder !== undefined && sortOrder !== 'ascending' && sortOrder !== 'descending') {
    throw new ScimError(400, '"sortOrder" must be "ascending" or "descending".', 'invalidValue');
  }
  const sortBy = single(source.sortBy, 'sortBy');
  return {
    condition,
    startIndex,
    count,
    ...(sortBy ? { sortBy } : {}),
    descending: sortOrder === 'descending',
    attributes: list(source.attributes, 'attributes'),
    excludedAttributes: list(source.excludedAttributes, 'excludedAttributes'),
  };
}

/** `attributes` / `excludedAttributes` of a single-resource request (GET, POST, PUT response). */
export function projectionOf(query: Record<string, unknown>): { attributes: string[]; excluded: string[] } {
  const list = (value: unknown) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((part) => part.trim())
          .filter(Boolean)
      : [];
  return { attributes: list(query.attributes), excluded: list(query.excludedAttributes) };
}

/**
 * The domain field `sortBy` names, for a resource type.
 * @throws ScimError 400 invalidValue for unknown or multi-valued attributes
 */
export function sortFieldOf(query: ListQuery, resource: ResourceSchemas): string | undefined {
  if (!query.sortBy) return undefined;
  try {
    return fieldOf(query.sortBy, resource);
  } catch (error) {
    if (error instanceof FilterError) throw new ScimError(400, `Cannot sort by "${query.sortBy}": ${error.message}`, 'invalidValue');
    throw error;
  }
}

import type { Queryable } from '../../db/sql.js';
import type { Condition } from './condition.js';

/** A SCIM-style search: a condition, a 1-based window and an order (Users and Groups alike). */
export interface SearchQuery {
  readonly condition: Condition | null;
  /** 1-based position of the first result. */
  readonly startIndex: number;
  /** How many results at most; 0 asks for the total only. */
  readonly count: number;
  readonly sortBy?: string | undefined;
  readonly descending?: boolean | undefined;
}

export interface PageQuery {
  /** SQL counting the matches (`select count(*) as total …`). */
  readonly countSql: string;
  readonly countParams: unknown[];
  /** SQL of one page whose rows carry the window count `total_matches`. */
  readonly pageSql: string;
  readonly pageParams: unknown[];
  readonly startIndex: number;
  readonly count: number;
}

/**
 * One page and the total number of matches, in one statement in the common case: the page's
 * rows carry a window count. Only `count = 0` and an empty page beyond the first need the
 * separate count.
 */
export async function searchPage(sql: Queryable, query: PageQuery): Promise<{ total: number; rows: Record<string, unknown>[] }> {
  const countAll = async () => Number((await sql.query<{ total: string }>(query.countSql, query.countParams))[0]?.total ?? 0);
  if (query.count === 0) return { total: await countAll(), rows: [] };
  const rows = await sql.query<Record<string, unknown> & { total_matches: string }>(query.pageSql, query.pageParams);
  const total = rows[0] ? Number(rows[0].total_matches) : query.startIndex === 1 ? 0 : await countAll();
  return { total, rows };
}

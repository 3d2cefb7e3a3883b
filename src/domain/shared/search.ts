import type { EntityManager } from '@mikro-orm/postgresql';

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
export async function searchPage(em: EntityManager, query: PageQuery): Promise<{ total: number; rows: Record<string, unknown>[] }> {
  const countAll = async () => Number((await em.execute<{ total: string }[]>(query.countSql, query.countParams))[0]?.total ?? 0);
  if (query.count === 0) return { total: await countAll(), rows: [] };
  const rows = await em.execute<(Record<string, unknown> & { total_matches: string })[]>(query.pageSql, query.pageParams);
  const total = rows[0] ? Number(rows[0].total_matches) : query.startIndex === 1 ? 0 : await countAll();
  return { total, rows: rows.map(({ total_matches: _total, ...row }) => row) };
}

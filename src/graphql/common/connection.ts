import { Field, Int, ObjectType, type ClassType } from 'type-graphql';
import type { Page } from '../../domain/shared/page.js';

@ObjectType('PageInfo', { description: 'Where a page ends, for cursor pagination (Relay connection spec).' })
export class PageInfoObject {
  @Field(() => Boolean, { description: 'Whether more items follow; ask again with `after: endCursor`.' })
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of this page; null when the page is empty.' })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/** A page of items plus a lazily computed total (only counted when the client asks for it). */
export interface ConnectionValue<T> {
  edges: Edge<T>[];
  pageInfo: PageInfoObject;
  totalCount: PromiseLike<number>;
}

/**
 * A thenable that runs `compute` only when awaited. graphql-js awaits a field's value only when the
 * client selected the field, so an unrequested total costs no COUNT query.
 */
export function lazy<T>(compute: () => Promise<T>): PromiseLike<T> {
  let started: Promise<T> | undefined;
  return {
    then: (onFulfilled, onRejected) => (started ??= compute()).then(onFulfilled, onRejected),
  };
}

export function toConnection<T>(page: Page<T>, totalCount: () => Promise<number>): ConnectionValue<T> {
  return {
    edges: page.items.map((node, i) => ({ node, cursor: page.cursors[i] ?? '' })),
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.cursors.at(-1) ?? null },
    totalCount: lazy(totalCount),
  };
}

/**
 * `<Name>Connection` and `<Name>Edge` object types for a node type. Pages are keyset-based: as fast
 * deep in a list as at its start, and stable while rows are added.
 */
export function connectionOf<T extends object>(Node: ClassType<T>, name: string, what: string): ClassType<ConnectionValue<T>> {
  @ObjectType(`${name}Edge`, { description: `One ${what} in a page, with its cursor.` })
  class EdgeObject {
    @Field(() => String, { description: 'Pass as `after` to get the items that follow this one.' })
    cursor!: string;

    @Field(() => Node, { description: `The ${what}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${what}s.` })
  class ConnectionObject {
    @Field(() => [EdgeObject], { description: `The ${what}s of this page, in order.` })
    edges!: Edge<T>[];

    @Field(() => PageInfoObject, { description: 'Whether there is a next page, and its cursor.' })
    pageInfo!: PageInfoObject;

    @Field(() => Int, { description: `How many ${what}s match, on all pages.` })
    totalCount!: PromiseLike<number>;
  }
  return ConnectionObject;
}

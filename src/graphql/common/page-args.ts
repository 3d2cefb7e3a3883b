import { Max, Min } from 'class-validator';
import { ArgsType, Field, Int } from 'type-graphql';
import { maxPageSize } from '../../domain/shared/page.js';

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: `How many items to return: 0 to ${maxPageSize}, default 50.` })
  @Min(0)
  @Max(maxPageSize)
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Return the items after this cursor (a `pageInfo.endCursor` or `edges.cursor`).' })
  after?: string | null;
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FilterError } from '../../../src/scim/filter/ast.js';
import { parseFilter } from '../../../src/scim/filter/parser.js';
import { toCondition } from '../../../src/scim/filter/to-condition.js';
import { userResource } from '../../../src/scim/users/user.routes.js';

const cases = JSON.parse(readFileSync(new URL('./filter-to-condition.cases.json', import.meta.url), 'utf8')) as {
  users: { filter: string; condition: unknown }[];
  invalid: { filter: string; error: string }[];
};

describe('SCIM filter → domain condition (User schema)', () => {
  it.each(cases.users)('translates $filter', ({ filter, condition }) => {
    expect(toCondition(parseFilter(filter), userResource)).toEqual(condition);
  });

  it.each(cases.invalid)('refuses $filter', ({ filter, error }) => {
    let thrown: unknown;
    try {
      toCondition(parseFilter(filter), userResource);
    } catch (caught) {
      thrown = caught;
    }
    expect(thrown).toBeInstanceOf(FilterError);
    expect((thrown as FilterError).message).toBe(error);
  });
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FilterError } from '../../../src/scim/filter/ast.js';
import { maxFilterLength } from '../../../src/scim/filter/lexer.js';
import { maxFilterDepth, parseFilter } from '../../../src/scim/filter/parser.js';

const cases = JSON.parse(readFileSync(new URL('./filter-parser.cases.json', import.meta.url), 'utf8')) as {
  valid: { filter: string; ast: unknown }[];
  invalid: { filter: string; error: string }[];
};

describe('SCIM filter parser (RFC 7644 §3.4.2.2)', () => {
  it.each(cases.valid)('parses $filter', ({ filter, ast }) => {
    expect(parseFilter(filter)).toEqual(ast);
  });

  it.each(cases.invalid)('refuses $filter', ({ filter, error }) => {
    let thrown: unknown;
    try {
      parseFilter(filter);
    } catch (caught) {
      thrown = caught;
    }
    expect(thrown).toBeInstanceOf(FilterError);
    expect((thrown as FilterError).message).toBe(error);
  });

  it('bounds nesting depth and length instead of overflowing the stack', () => {
    const deep = '('.repeat(maxFilterDepth + 1) + 'a pr' + ')'.repeat(maxFilterDepth + 1);
    expect(() => parseFilter(deep)).toThrow(/nests deeper than 32 levels/);
    expect(() => parseFilter('not ('.repeat(500) + 'a pr' + ')'.repeat(500))).toThrow(FilterError);
    expect(() => parseFilter(`userName eq "${'x'.repeat(maxFilterLength)}"`)).toThrow(/longer than 2048/);
  });

  it('never throws anything but a FilterError, and parses quickly, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.string({
          maxLength: 300,
          unit: fc.constantFrom('a', 'eq', ' ', '"', '\\', '(', ')', '[', ']', '.', ':', 'and', 'or', 'not', 'pr', '1', '-', '\n', 'é', 'u'),
        }),
        (input) => {
          try {
            parseFilter(input);
          } catch (error) {
            if (!(error instanceof FilterError)) throw error;
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('round-trips any string value through a JSON-quoted comparison', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 100 }).filter((s) => !Array.from({ length: s.length }, (_, i) => s.charCodeAt(i)).some((code) => code < 0x20)),
        (value) => {
          expect(parseFilter(`userName eq ${JSON.stringify(value)}`)).toEqual({ kind: 'compare', op: 'eq', path: { attr: 'userName' }, value });
        },
      ),
    );
  });
});

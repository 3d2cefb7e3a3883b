import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sqlShape } from '../../src/telemetry/sql-shape.js';

const cases = JSON.parse(readFileSync(new URL('./sql-shape.cases.json', import.meta.url), 'utf8')) as { why: string; sql: string; shape: string }[];

describe('sqlShape (statement text for spans, without values)', () => {
  it.each(cases)('$why', ({ sql, shape }) => {
    expect(sqlShape(sql)).toBe(shape);
  });
});

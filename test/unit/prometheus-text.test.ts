import { describe, expect, it } from 'vitest';
import { parseExposition, valueOf } from '../support/prometheus-text.js';

// The metrics test relies on this reader to say "parses as Prometheus text": prove it refuses.
describe('parseExposition (test support)', () => {
  const histogram = [
    '# HELP d Durations.',
    '# TYPE d histogram',
    'd_bucket{route="/a",le="0.1"} 1',
    'd_bucket{route="/a",le="+Inf"} 2',
    'd_sum{route="/a"} 0.3',
    'd_count{route="/a"} 2',
  ];

  it('reads samples, labels with escapes, and special values', () => {
    const text = [
      '# HELP c Things.',
      '# TYPE c counter',
      'c{a="x\\"y\\\\z\\n"} 3',
      'c{a="w"} 4 1700000000000',
      '# TYPE g gauge',
      'g Nan',
      ...histogram,
      '',
    ].join('\n');
    const exposition = parseExposition(text);
    expect(exposition.samples[0]?.labels).toEqual({ a: 'x"y\\z\n' });
    expect(valueOf(exposition, 'c')).toBe(7);
    expect(valueOf(exposition, 'g')).toBeNaN();
    expect(valueOf(exposition, 'd_count', { route: '/a' })).toBe(2);
  });

  it.each([
    ['no final newline', '# TYPE c counter\nc 1'],
    ['a sample before its TYPE', 'c 1\n'],
    ['an unquoted label value', '# TYPE c counter\nc{a=x} 1\n'],
    ['a raw quote in a label value', '# TYPE c counter\nc{a="x"y"} 1\n'],
    ['a value that is not a number', '# TYPE c counter\nc one\n'],
    ['a second TYPE', '# TYPE c counter\n# TYPE c counter\n'],
    ['a stray comment', '# TYPE c counter\n# nothing\n'],
    ['a bad metric name', '# TYPE 1c counter\n'],
    [
      'buckets that fall',
      [...histogram.slice(0, 3), 'd_bucket{route="/a",le="1"} 0', 'd_bucket{route="/a",le="+Inf"} 2', 'd_count{route="/a"} 2', ''].join('\n'),
    ],
    ['a +Inf bucket unlike the count', [...histogram.slice(0, 5), 'd_count{route="/a"} 3', ''].join('\n')],
  ])('refuses %s', (_what, text) => {
    expect(() => parseExposition(text)).toThrow();
  });
});

/**
 * A strict reader of the Prometheus text exposition format 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/), for tests: it throws on the first
 * line that a Prometheus server would refuse or misread, naming the line.
 */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Exposition {
  /** Metric family name → its declared TYPE. */
  readonly types: ReadonlyMap<string, string>;
  readonly samples: readonly Sample[];
}

const metricName = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const helpLine = new RegExp(`^# HELP (${metricName}) (.*)$`);
const typeLine = new RegExp(`^# TYPE (${metricName}) (counter|gauge|histogram|summary|untyped)$`);
// name, optional {labels}, value, optional timestamp. Label values: any characters but an
// unescaped quote, backslash or newline; escapes are \\, \" and \n.
const sampleLine = new RegExp(`^(${metricName})(?:\\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*",?)*)\\})? (\\S+)(?: (-?\\d+))?$`);
const labelPair = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"/g;
// Prometheus reads values with Go's strconv.ParseFloat, which takes NaN and Inf in any letter case;
// prom-client writes NaN as "Nan" (an event-loop histogram with no samples yet).
const floatValue = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|[+-]Inf|NaN)$/i;

/** The family a sample belongs to: histogram and summary samples carry a suffix. */
function familyOf(name: string, types: ReadonlyMap<string, string>): string | undefined {
  if (types.has(name)) return name;
  for (const suffix of ['_bucket', '_sum', '_count']) {
    const base = name.endsWith(suffix) ? name.slice(0, -suffix.length) : undefined;
    if (base !== undefined && (types.get(base) === 'histogram' || types.get(base) === 'summary')) return base;
  }
  return undefined;
}

export function parseExposition(text: string): Exposition {
  if (text.length > 0 && !text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  const types = new Map<string, string>();
  const helped = new Set<string>();
  const samples: Sample[] = [];
  const lines = text.split('\n').slice(0, -1);
  lines.forEach((line, index) => {
    const where = `line ${index + 1} ${JSON.stringify(line)}`;
    if (line === '') return;
    const help = helpLine.exec(line);
    if (help) {
      if (helped.has(help[1] as string)) throw new Error(`${where}: a second HELP for one metric`);
      helped.add(help[1] as string);
      return;
    }
    const type = typeLine.exec(line);
    if (type) {
      if (types.has(type[1] as string)) throw new Error(`${where}: a second TYPE for one metric`);
      types.set(type[1] as string, type[2] as string);
      return;
    }
    if (line.startsWith('#')) throw new Error(`${where}: a comment that is neither HELP nor TYPE`);
    const sample = sampleLine.exec(line);
    if (!sample) throw new Error(`${where}: not a sample line`);
    const [, name, labelText, valueText] = sample as unknown as [string, string, string | undefined, string];
    if (!floatValue.test(valueText)) throw new Error(`${where}: ${valueText} is not a number`);
    if (familyOf(name, types) === undefined) throw new Error(`${where}: a sample before its metric's TYPE`);
    const labels: Record<string, string> = {};
    for (const [, key, raw] of (labelText ?? '').matchAll(labelPair)) {
      if ((key as string) in labels) throw new Error(`${where}: label ${key} twice`);
      labels[key as string] = (raw as string).replace(/\\(["\\n])/g, (_m, c: string) => (c === 'n' ? '\n' : c));
    }
    const special = valueText.toLowerCase();
    const value = special === '+inf' ? Infinity : special === '-inf' ? -Infinity : special === 'nan' ? NaN : Number(valueText);
    samples.push({ name, labels, value });
  });
  checkHistograms(types, samples);
  return { types, samples };
}

/** Each histogram series: buckets rising with `le`, cumulative counts, a +Inf bucket equal to the count. */
function checkHistograms(types: ReadonlyMap<string, string>, samples: readonly Sample[]): void {
  for (const [family, type] of types) {
    if (type !== 'histogram') continue;
    const series = new Map<string, { buckets: { le: number; count: number }[]; count?: number }>();
    const keyOf = (labels: Readonly<Record<string, string>>) =>
      JSON.stringify(
        Object.entries(labels)
          .filter(([k]) => k !== 'le')
          .sort(),
      );
    for (const sample of samples) {
      if (sample.name !== `${family}_bucket` && sample.name !== `${family}_count`) continue;
      const entry = series.get(keyOf(sample.labels)) ?? { buckets: [] };
      series.set(keyOf(sample.labels), entry);
      if (sample.name === `${family}_bucket`) {
        const le = sample.labels.le;
        if (le === undefined) throw new Error(`${family}_bucket without le`);
        entry.buckets.push({ le: le === '+Inf' ? Infinity : Number(le), count: sample.value });
      } else if (sample.name === `${family}_count`) entry.count = sample.value;
    }
    for (const [key, { buckets, count }] of series) {
      if (buckets.length === 0 && count === undefined) continue;
      for (let i = 1; i < buckets.length; i++) {
        const [before, after] = [buckets[i - 1], buckets[i]] as [{ le: number; count: number }, { le: number; count: number }];
        if (!(after.le > before.le) || after.count < before.count) throw new Error(`${family}${key}: buckets not rising and cumulative`);
      }
      if (buckets.at(-1)?.le !== Infinity || buckets.at(-1)?.count !== count) throw new Error(`${family}${key}: the +Inf bucket must equal _count`);
    }
  }
}

/** The sum of the samples named `name` whose labels include all of `labels` (0 when there are none). */
export function valueOf(exposition: Exposition, name: string, labels: Readonly<Record<string, string>> = {}): number {
  return exposition.samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + s.value, 0);
}

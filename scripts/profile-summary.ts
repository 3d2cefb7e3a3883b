/**
 * `tsx scripts/profile-summary.ts <file.cpuprofile> [--top 25]`: where a V8 CPU profile (from
 * `node --cpu-prof`, e.g. BENCH_ROSTER_CPU_PROFILE with `npm run bench`) spent its self time,
 * by package (MikroORM, graphql, express, pg, …, Roster's own `src/`, Node's internals, garbage
 * collection) and by function. Not part of the test suite.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
const file = positionals[0];
if (!file) {
  console.error('Usage: tsx scripts/profile-summary.ts <file.cpuprofile> [--top N]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));

/** The package a frame belongs to: `@mikro-orm/core`, `graphql`, `src/scim`, `node:internal`, `(gc)`… */
function packageOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules !== -1) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1] ?? ''}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) return url.startsWith('node:internal') ? `node:${url.split('/')[1] ?? 'internal'}` : url;
  const source = /\/dist\/(src\/[^/]+)/.exec(url) ?? /\/(src\/[^/]+)/.exec(url);
  return source?.[1] ?? url;
}

const selfTime = new Map<number, number>();
profile.samples.forEach((id, i) => selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfTime.values()].reduce((a, b) => a + b, 0);
const idle = [...selfTime].filter(([id]) => byId.get(id)?.callFrame.functionName === '(idle)').reduce((a, [, t]) => a + t, 0);
const busy = total - idle;

const packages = new Map<string, number>();
const functions = new Map<string, number>();
for (const [id, time] of selfTime) {
  const node = byId.get(id);
  if (!node || node.callFrame.functionName === '(idle)') continue;
  const pkg = packageOf(node);
  packages.set(pkg, (packages.get(pkg) ?? 0) + time);
  const name = `${node.callFrame.functionName || '(anonymous)'} ${pkg}${node.callFrame.url ? `:${node.callFrame.lineNumber + 1}` : ''}`;
  functions.set(name, (functions.get(name) ?? 0) + time);
}

const top = Number(values.top);
const percent = (time: number) => `${((100 * time) / busy).toFixed(1).padStart(5)} %`;
console.log(`${file}: ${(busy / 1e6).toFixed(2)} s busy of ${(total / 1e6).toFixed(2)} s sampled\n\nSelf time by package:`);
for (const [pkg, time] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${percent(time)}  ${pkg}`);
console.log('\nSelf time by function:');
for (const [name, time] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${percent(time)}  ${name}`);

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isBuildCurrent, sourceFingerprint } from '../../scripts/build.js';

/** `npm start` rebuilds dist/ only when what it is built from changed (scripts/build.ts). */
describe('the build fingerprint', () => {
  let root: string;
  const write = async (file: string, content: string) => {
    await fs.mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await fs.writeFile(path.join(root, file), content);
  };
  const stamp = async () => write('dist/.source-fingerprint', (await sourceFingerprint(root)) + '\n');

  beforeEach(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'roster-build-'));
    await write('src/main.ts', 'export const a = 1;\n');
    await write('src/db/sql.ts', 'export const b = 2;\n');
    await write('migrations/index.ts', 'export const migrationsList = [];\n');
    await write('tsconfig.json', '{}');
    await write('tsconfig.build.json', '{}');
    await write('package-lock.json', '{}');
  });
  afterEach(async () => {
    await fs.rm(root, { recursive: true, force: true });
  });

  it('is current after a build, and only then', async () => {
    expect(await isBuildCurrent(root)).toBe(false);
    await stamp();
    expect(await isBuildCurrent(root)).toBe(true);
  });

  it('goes stale when a source changes, appears, disappears or is renamed', async () => {
    await stamp();
    await write('src/db/sql.ts', 'export const b = 3;\n');
    expect(await isBuildCurrent(root)).toBe(false);

    await stamp();
    await write('migrations/Migration20260101000000_x.ts', 'export class X {}\n');
    expect(await isBuildCurrent(root)).toBe(false);

    await stamp();
    await fs.rename(path.join(root, 'src/main.ts'), path.join(root, 'src/start.ts'));
    expect(await isBuildCurrent(root)).toBe(false);

    await stamp();
    await fs.rm(path.join(root, 'src/start.ts'));
    expect(await isBuildCurrent(root)).toBe(false);
  });

  it('goes stale when the admin portal’s sources, page operations or build settings change', async () => {
    await write('portal/src/main.tsx', 'export {};\n');
    await stamp();
    await write('portal/src/pages/groups/groups.graphql', 'query Groups { groups { totalCount } }\n');
    expect(await isBuildCurrent(root)).toBe(false);
    await stamp();
    await write('portal/vite.config.ts', 'export default {};\n');
    expect(await isBuildCurrent(root)).toBe(false);
    await stamp();
    await write('portal/src/main.tsx', 'export const x = 1;\n');
    expect(await isBuildCurrent(root)).toBe(false);
  });

  it('goes stale when the compiler settings or the installed dependencies change, not when only times do', async () => {
    await stamp();
    const later = new Date(Date.now() + 60_000);
    await fs.utimes(path.join(root, 'src/main.ts'), later, later);
    expect(await isBuildCurrent(root)).toBe(true);

    await write('tsconfig.build.json', '{"compilerOptions":{}}');
    expect(await isBuildCurrent(root)).toBe(false);
    await stamp();
    await write('package-lock.json', '{"lockfileVersion":3}');
    expect(await isBuildCurrent(root)).toBe(false);
  });
});

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMigrationsIndex } from '../../src/db/migrations-index.js';
import { projectRoot } from '../../src/version.js';
import { migrationsList } from '../../migrations/index.js';

describe('migrations/index.ts', () => {
  const folder = path.join(projectRoot, 'migrations');

  it('lists exactly the migration files in the folder (regenerate with npm run db:migration:create)', async () => {
    expect(await readFile(path.join(folder, 'index.ts'), 'utf8')).toBe(await renderMigrationsIndex(folder));
  });

  it('is in the order the migrations were created', () => {
    const names = migrationsList.map((m) => m.name);
    expect(names).toEqual([...names].sort());
    expect(names.length).toBeGreaterThan(0);
  });
});

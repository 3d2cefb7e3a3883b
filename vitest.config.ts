import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  resolve: {
    // graphql 16 has no "exports": Node (and so every dependency) loads its CommonJS build, while
    // Vite would give our own sources the ESM build through its "module" field — two graphql
    // realms, and "Cannot use GraphQLNonNull from another module". Use the build Node uses.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    // The portal's client logic too (portal/src/**: pure functions, no DOM).
    include: ['test/**/*.test.ts', 'portal/src/**/*.test.ts'],
    setupFiles: ['test/support/setup.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Importing MikroORM, Apollo and type-graphql costs seconds per file; share modules across files
    // in a worker. Each database-backed file still gets a database of its own.
    isolate: false,
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});

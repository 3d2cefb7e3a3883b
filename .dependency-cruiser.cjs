/**
 * The architecture, enforced (npm run deps:check, in CI):
 * - the domain knows nothing of transports: no imports from graphql/, scim/, http/, nor express,
 *   Apollo, type-graphql or graphql;
 * - the two transports never import each other;
 * - no import cycles (ESM cycles between entities crash the built server but not the tests);
 * - the server and the admin portal (portal/) share nothing but the GraphQL schema: the server
 *   never imports the portal, and the portal imports no server code (its GraphQL types are
 *   generated from schema/schema.graphql into portal/src/gql);
 * - the OpenTelemetry SDK loads only when tracing is on: only src/telemetry/tracing.ts imports it,
 *   and only src/main.ts imports that, dynamically, after reading the configuration.
 * test/fixtures/dependency-rule/ breaks every rule on purpose; a test proves each one fires.
 * Paths match with or without that fixture prefix.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-transport',
      comment: 'src/domain is transport-free: move HTTP/GraphQL/SCIM concerns to their layer.',
      severity: 'error',
      from: { path: '(^|/)src/domain/' },
      to: { path: ['(^|/)src/(graphql|scim|http)/', 'node_modules/(express|@apollo|@as-integrations|type-graphql|graphql|graphql-scalars)/'] },
    },
    {
      name: 'graphql-imports-scim',
      comment: 'The transports share only the domain layer.',
      severity: 'error',
      from: { path: '(^|/)src/graphql/' },
      to: { path: '(^|/)src/scim/' },
    },
    {
      name: 'scim-imports-graphql',
      comment: 'The transports share only the domain layer.',
      severity: 'error',
      from: { path: '(^|/)src/scim/' },
      to: { path: '(^|/)src/graphql/' },
    },
    {
      name: 'tracing-loaded-eagerly',
      comment:
        'Import src/telemetry/tracing.ts only with import() from src/main.ts (types anywhere): with tracing off nothing of the SDK loads, and when on it loads before express, pg and graphql.',
      severity: 'error',
      from: { pathNot: '(^|/)src/main\\.ts$' },
      to: { path: '(^|/)src/telemetry/tracing\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'tracing-imported-statically',
      comment: 'src/main.ts starts tracing through import(), after reading the configuration and before the server modules.',
      severity: 'error',
      from: { path: '(^|/)src/main\\.ts$' },
      to: { path: '(^|/)src/telemetry/tracing\\.ts$', dependencyTypesNot: ['dynamic-import', 'type-only'] },
    },
    {
      name: 'opentelemetry-outside-tracing',
      comment: 'OpenTelemetry is imported by src/telemetry/tracing.ts alone (it hands out what others need, such as log fields).',
      severity: 'error',
      from: { pathNot: '(^|/)src/telemetry/tracing\\.ts$' },
      to: { path: 'node_modules/@opentelemetry/' },
    },
    {
      name: 'server-imports-portal',
      comment: 'The server serves the built portal as files (src/http/portal.ts); it never imports its code.',
      severity: 'error',
      from: { path: '^(test/fixtures/dependency-rule/)?(src|migrations)/' },
      to: { path: '^(test/fixtures/dependency-rule/)?portal/' },
    },
    {
      name: 'portal-imports-server',
      comment: 'The portal is a client of the GraphQL API only: types come from codegen (portal/src/gql), never from src/.',
      severity: 'error',
      from: { path: '^(test/fixtures/dependency-rule/)?portal/' },
      to: { path: '^(test/fixtures/dependency-rule/)?(src|migrations|scripts|test)/' },
    },
    {
      name: 'no-circular',
      comment: 'Import cycles break the compiled ESM server; type relations with Rel<T>/Ref<T> instead.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};

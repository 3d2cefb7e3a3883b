import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadOperatorConfig } from '../../src/config.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.problems];
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives a working development setup when nothing is set', () => {
    const config = loadConfig({}, '/srv/roster');
    expect(config).toMatchObject({
      nodeEnv: 'development',
      host: '127.0.0.1',
      port: 4000,
      publicUrl: 'http://localhost:4000',
      databaseUrl: undefined,
      dataDir: path.resolve('/srv/roster', 'data'),
      graphql: { introspection: true, ide: true },
    });
    expect(Object.isFrozen(config) && Object.isFrozen(config.db)).toBe(true);
  });

  it('turns introspection and the IDE off in production unless enabled explicitly', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/roster', PUBLIC_URL: 'https://roster.example.com' };
    expect(loadConfig(production).graphql).toMatchObject({ introspection: false, ide: false });
    expect(loadConfig({ ...production, GRAPHQL_INTROSPECTION: 'true' }).graphql).toMatchObject({ introspection: true, ide: true });
  });

  it('says truly why the IDE is off', () => {
    expect(loadConfig({}).graphql.ideOffBecause).toBeUndefined();
    expect(loadConfig({ GRAPHQL_IDE: 'false' }).graphql.ideOffBecause).toBe('GRAPHQL_IDE=false');
    expect(loadConfig({ GRAPHQL_INTROSPECTION: 'off' }).graphql.ideOffBecause).toBe('GRAPHQL_INTROSPECTION=false');
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/roster', PUBLIC_URL: 'https://roster.example.com' };
    expect(loadConfig(production).graphql.ideOffBecause).toBe('off when NODE_ENV=production; GRAPHQL_INTROSPECTION=true turns it on');
  });

  it('in production, refuses to start without PUBLIC_URL and warns when identity providers cannot use it', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/roster' };
    expect(problemsOf(production)).toEqual([expect.stringMatching(/^PUBLIC_URL: required when NODE_ENV=production: .*Okta and Entra need a public https URL/)]);
    // The operator CLI builds no SCIM URLs: `docker run -e DATABASE_URL=… roster roster list-organizations` needs no PUBLIC_URL.
    expect(loadOperatorConfig(production).databaseUrl).toBe('postgres://db/roster');
    expect(loadConfig({ ...production, PUBLIC_URL: 'https://roster.example.com' }).warnings).toEqual([]);
    expect(loadConfig({ ...production, PUBLIC_URL: 'http://127.0.0.1:4000' }).warnings).toEqual([
      'PUBLIC_URL http://127.0.0.1:4000 is a loopback address: no identity provider can reach the SCIM URLs built from it; Okta and Entra need a public https URL.',
    ]);
    expect(loadConfig({ ...production, PUBLIC_URL: 'http://localhost' }).warnings[0]).toMatch(/is a loopback address/);
    expect(loadConfig({ ...production, PUBLIC_URL: 'http://roster.internal.example' }).warnings).toEqual([
      'PUBLIC_URL http://roster.internal.example is not https: Okta and Entra send SCIM tokens only to https URLs.',
    ]);
    // In development a local URL is what a trial needs.
    expect(loadConfig({}).warnings).toEqual([]);
  });

  it('creates the demo organization in development only, and refuses it in production', () => {
    expect(loadConfig({}).bootstrapDemo).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test' }).bootstrapDemo).toBe(false);
    expect(loadConfig({ BOOTSTRAP_DEMO: 'false' }).bootstrapDemo).toBe(false);
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/roster', PUBLIC_URL: 'https://roster.example.com' };
    expect(loadConfig(production).bootstrapDemo).toBe(false);
    expect(problemsOf({ ...production, BOOTSTRAP_DEMO: 'true' })[0]).toMatch(/^BOOTSTRAP_DEMO: never allowed when NODE_ENV=production/);
  });

  it('requires a real database in production', () => {
    expect(problemsOf({ NODE_ENV: 'production', PUBLIC_URL: 'https://roster.example.com' })).toEqual([
      'DATABASE_URL: required when NODE_ENV=production (the embedded PostgreSQL is for development); set it to postgres://user:password@host:5432/database',
    ]);
  });

  it('reads every documented variable', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      PUBLIC_URL: 'https://roster.example.com/',
      DATABASE_URL: 'postgres://u:p@db:5432/roster',
      DB_POOL_MAX: '20',
      DB_STATEMENT_TIMEOUT_MS: '3000',
      GRAPHQL_INTROSPECTION: 'no',
      GRAPHQL_IDE: 'off',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      port: 8080,
      host: '0.0.0.0',
      publicUrl: 'https://roster.example.com',
      databaseUrl: 'postgres://u:p@db:5432/roster',
      logLevel: 'warn',
      db: { poolMax: 20, statementTimeoutMs: 3000 },
      graphql: { introspection: false, ide: false },
    });
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: ' ' }).port).toBe(4000);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT: must be a whole number from 0 to 65535 (got "abc")'],
    [{ PORT: '70000' }, 'PORT: must be at most 65535 (got "70000")'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL: must be a URL like postgres://user:password@host:5432/database (got "mysql://x")'],
    // A bad value is repeated, its password never.
    [
      { DATABASE_URL: 'mysql://roster:s3cret-pw@db:3306/roster' },
      'DATABASE_URL: must be a URL like postgres://user:password@host:5432/database (got "mysql://roster:***@db:3306/roster")',
    ],
    [{ PUBLIC_URL: 'roster.example.com' }, 'PUBLIC_URL: must be an absolute http(s) URL such as https://roster.example.com (got "roster.example.com")'],
    [
      { PUBLIC_URL: 'https://example.com/scim_api' },
      'PUBLIC_URL: must not contain "_" in its path (Okta rejects such SCIM URLs) (got "https://example.com/scim_api")',
    ],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent (got "loud")'],
    [{ GRAPHQL_INTROSPECTION: 'maybe' }, 'GRAPHQL_INTROSPECTION: must be true or false (also 1/0, yes/no, on/off) (got "maybe")'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV: must be development, production or test (got "staging")'],
    [{ GRAPHQL_INTROSPECTION: 'false', GRAPHQL_IDE: 'true' }, 'GRAPHQL_IDE: the IDE needs introspection; set GRAPHQL_INTROSPECTION=true or GRAPHQL_IDE=false'],
  ])('refuses %j with a message naming the variable', (env, problem) => {
    expect(problemsOf(env)).toEqual([problem]);
  });

  it('bounds every connection, and keeps the shutdown grace inside the shutdown timeout', () => {
    expect(loadConfig({}).http).toMatchObject({ keepAliveTimeoutMs: 65_000, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, socketTimeoutMs: 60_000 });
    expect(problemsOf({ HTTP_HEADERS_TIMEOUT_MS: '40000' })).toEqual([
      expect.stringMatching(/^HTTP_HEADERS_TIMEOUT_MS: must not be longer than HTTP_REQUEST_TIMEOUT_MS/),
    ]);
    expect(loadConfig({}).shutdownGraceMs).toBe(0);
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/roster', PUBLIC_URL: 'https://roster.example.com' };
    expect(loadConfig(production).shutdownGraceMs).toBe(5_000);
    expect(loadConfig({ ...production, SHUTDOWN_TIMEOUT_MS: '4000' }).shutdownGraceMs).toBe(2_000);
    expect(problemsOf({ SHUTDOWN_GRACE_MS: '10000' })).toEqual([expect.stringMatching(/^SHUTDOWN_GRACE_MS: must be shorter than SHUTDOWN_TIMEOUT_MS/)]);
  });

  it('serves metrics on the main port in development, nowhere in production or tests unless asked, or on a port of its own', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/roster', PUBLIC_URL: 'https://roster.example.com' };
    expect(loadConfig({}).metrics).toEqual({ kind: 'main' });
    expect(loadConfig(production).metrics).toEqual({ kind: 'off' });
    expect(loadConfig({ NODE_ENV: 'test' }).metrics).toEqual({ kind: 'off' });
    expect(loadConfig({ ...production, METRICS: 'on' }).metrics).toEqual({ kind: 'main' });
    expect(loadConfig({ METRICS: 'OFF' }).metrics).toEqual({ kind: 'off' });
    expect(loadConfig({ ...production, METRICS: '9464' }).metrics).toEqual({ kind: 'separate', port: 9464 });
    const allowed = 'must be off, on (served at /metrics on PORT) or a port number from 1 to 65535 for a listener of its own (e.g. 9464)';
    for (const value of ['yes', '0', '65536', '94 64', '-1'])
      expect(problemsOf({ METRICS: value })).toEqual([`METRICS: ${allowed} (got ${JSON.stringify(value)})`]);
    expect(problemsOf({ PORT: '9464', METRICS: '9464' })).toEqual([expect.stringMatching(/^METRICS: 9464 is PORT itself; use METRICS=on/)]);
  });

  it('reports every bad variable at once', () => {
    expect(problemsOf({ PORT: 'x', DB_POOL_MAX: '0' })).toHaveLength(2);
  });

  it('turns tracing on only when an OTLP endpoint is set, and OTEL_SDK_DISABLED or OTEL_TRACES_EXPORTER=none win', () => {
    expect(loadConfig({}).tracing).toMatchObject({ enabled: false, endpoint: undefined });
    expect(loadConfig({ OTEL_SERVICE_NAME: 'roster-eu', OTEL_TRACES_SAMPLER: 'always_on' }).tracing.enabled).toBe(false);
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing).toEqual({
      enabled: true,
      endpoint: 'http://collector:4318',
      sampler: 'parentbased_always_on',
      samplerRatio: 1,
    });
    // The traces endpoint alone is enough; its credentials are never shown.
    expect(loadConfig({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://user:key@collector/v1/traces' }).tracing.endpoint).toBe('https://***@collector/v1/traces');
    const on = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' };
    expect(loadConfig({ ...on, OTEL_SDK_DISABLED: 'TRUE' }).tracing.enabled).toBe(false);
    expect(loadConfig({ ...on, OTEL_TRACES_EXPORTER: 'none' }).tracing.enabled).toBe(false);
    expect(loadConfig({ ...on, OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' }).tracing).toMatchObject({
      sampler: 'parentbased_traceidratio',
      samplerRatio: 0.25,
    });
  });

  it.each([
    [
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' },
      'OTEL_EXPORTER_OTLP_ENDPOINT: must be an absolute http(s) URL such as http://otel-collector:4318 (got "collector:4318")',
    ],
    [
      { OTEL_TRACES_SAMPLER: 'ratio' },
      'OTEL_TRACES_SAMPLER: must be one of always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio (got "ratio")',
    ],
    [{ OTEL_TRACES_SAMPLER_ARG: '25%' }, 'OTEL_TRACES_SAMPLER_ARG: must be a number from 0 to 1 (the share of traces kept) (got "25%")'],
  ])('refuses the tracing setting %j with a message naming the variable', (env, problem) => {
    expect(problemsOf(env)).toEqual([problem]);
  });
});

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../src/version.js';

const run = promisify(execFile);

interface CruiseResult {
  summary: { violations: { rule: { name: string }; from: string; to: string }[] };
}

async function cruise(...targets: string[]): Promise<CruiseResult> {
  const { stdout } = await run('npx', ['depcruise', ...targets, '--config', '.dependency-cruiser.cjs', '--output-type', 'json'], { cwd: projectRoot }).catch(
    // depcruise exits non-zero when it finds violations; its JSON report is still on stdout.
    (error: unknown) => error as { stdout: string },
  );
  return JSON.parse(stdout) as CruiseResult;
}

describe('the architecture rule (dependency-cruiser)', () => {
  it('fires on each deliberate violation in the fixture', async () => {
    const { violations } = (await cruise('test/fixtures/dependency-rule')).summary;
    const fired = (rule: string) => violations.filter((v) => v.rule.name === rule).map((v) => `${v.from} -> ${v.to}`);
    expect(fired('domain-imports-transport')).toEqual(
      expect.arrayContaining([
        'test/fixtures/dependency-rule/src/domain/bad.service.ts -> test/fixtures/dependency-rule/src/graphql/bad.resolver.ts',
        expect.stringMatching(/^test\/fixtures\/dependency-rule\/src\/domain\/bad\.service\.ts -> node_modules\/express\//),
      ]),
    );
    expect(fired('graphql-imports-scim')).toEqual([
      'test/fixtures/dependency-rule/src/graphql/bad.resolver.ts -> test/fixtures/dependency-rule/src/scim/bad.routes.ts',
    ]);
    expect(fired('scim-imports-graphql')).toEqual([
      'test/fixtures/dependency-rule/src/scim/bad.routes.ts -> test/fixtures/dependency-rule/src/graphql/bad.resolver.ts',
    ]);
    expect(fired('tracing-imported-statically')).toEqual([
      'test/fixtures/dependency-rule/src/main.ts -> test/fixtures/dependency-rule/src/telemetry/tracing.ts',
    ]);
    expect(fired('tracing-loaded-eagerly')).toEqual([
      'test/fixtures/dependency-rule/src/http/bad.middleware.ts -> test/fixtures/dependency-rule/src/telemetry/tracing.ts',
    ]);
    expect(fired('opentelemetry-outside-tracing')).toEqual([
      expect.stringMatching(/^test\/fixtures\/dependency-rule\/src\/http\/bad\.middleware\.ts -> node_modules\/@opentelemetry\/api\//),
    ]);
    expect(fired('portal-imports-server')).toEqual([
      'test/fixtures/dependency-rule/portal/src/bad.page.ts -> test/fixtures/dependency-rule/src/domain/bad.service.ts',
    ]);
    expect(fired('server-imports-portal')).toEqual([
      'test/fixtures/dependency-rule/src/http/bad-portal.ts -> test/fixtures/dependency-rule/portal/src/bad.page.ts',
    ]);
    expect(fired('no-circular').length).toBeGreaterThan(0);
  });

  it('finds nothing in the real code', async () => {
    expect((await cruise('src', 'migrations', 'portal/src')).summary.violations).toEqual([]);
  });
});

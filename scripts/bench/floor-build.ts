/**
 * The floors are written in TypeScript, so they are type-checked and linted like the rest, but
 * they must run as plain JavaScript under `node`: a TypeScript loader (tsx) in a measured process
 * would be CPU the floor does not really spend. Each is transpiled once per run into dist/bench/,
 * inside the project so its imports resolve from node_modules as they do for dist/src/.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import { projectRoot } from '../../src/version.js';

export const floorScripts = { http: 'dist/bench/floor-http.mjs', graphql: 'dist/bench/floor-graphql.mjs' } as const;

/** Transpiles scripts/bench/floor-*.ts to dist/bench/floor-*.mjs (types removed, nothing bundled). */
export async function buildFloors(): Promise<void> {
  await mkdir(path.join(projectRoot, 'dist/bench'), { recursive: true });
  for (const [name, output] of Object.entries(floorScripts)) {
    const source = path.join(projectRoot, `scripts/bench/floor-${name}.ts`);
    const { outputText, diagnostics } = ts.transpileModule(await readFile(source, 'utf8'), {
      fileName: source,
      reportDiagnostics: true,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023, sourceMap: false },
    });
    if (diagnostics?.length) throw new Error(`${source}: ${ts.flattenDiagnosticMessageText(diagnostics[0]?.messageText ?? '', '\n')}`);
    await writeFile(path.join(projectRoot, output), outputText);
  }
}

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project root: the nearest folder above this file holding Roster's package.json. Found by
 * walking up, so it is the same from `src/` (tsx, vitest) and from the built `dist/src/`.
 */
export const projectRoot: string = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'roster') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Cannot find the roster package.json above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
})();

/** The service version, from package.json. */
export const version: string = (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * `npm start`, before the server: checks the configuration and the data folder first (a bad PORT
 * or a second start is told at once), then builds `dist/` only when the sources changed since the
 * last build. `npm start` then runs `node dist/src/main.js`.
 */
import path from 'node:path';
import { exitIfDataFolderTaken, loadConfigOrExit } from '../src/preflight.js';
import { buildIfChanged } from './build.js';

const config = loadConfigOrExit();
await exitIfDataFolderTaken(config);
try {
  await buildIfChanged(path.resolve(import.meta.dirname, '..'));
} catch {
  // tsc has printed its diagnostics.
  process.exit(1);
}

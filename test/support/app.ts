import { Writable } from 'node:stream';
import { loadConfig, type Config } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { createApp } from '../../src/http/app.js';
import { createLifecycle, type Lifecycle } from '../../src/http/lifecycle.js';
import { listen, type HttpServer } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';

export interface TestApp {
  readonly baseUrl: string;
  readonly config: Config;
  readonly database: Database;
  readonly lifecycle: Lifecycle;
  readonly http: HttpServer;
  /** Every JSON log line written so far, raw. */
  readonly logLines: string[];
  close(): Promise<void>;
}

/**
 * The real application in this process, listening on a free loopback port, on the given database
 * (already migrated unless `phase` says otherwise). Logs are captured at debug level. A PORT in
 * `env` is listened on (for a PUBLIC_URL that must match it); the default is a free port.
 */
export async function startTestApp(databaseUrl: string, env: Record<string, string> = {}, phase: Lifecycle['phase'] = 'ready'): Promise<TestApp> {
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', DATABASE_URL: databaseUrl, DB_ACQUIRE_TIMEOUT_MS: '1000', DB_CONNECT_TIMEOUT_MS: '1000', ...env });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger({ logLevel: 'debug' }, sink);
  const database = await openDatabase(config, logger);
  const lifecycle = createLifecycle();
  lifecycle.phase = phase;
  const { handler, apollo, close: stopBackground } = await createApp({ config, logger, orm: database.orm, lifecycle });
  const http = await listen(handler, '127.0.0.1', config.port, config.http);
  return {
    baseUrl: `http://127.0.0.1:${http.port}`,
    config,
    database,
    lifecycle,
    http,
    logLines,
    close: async () => {
      await http.drain();
      await stopBackground();
      await apollo.stop();
      await database.close();
    },
  };
}

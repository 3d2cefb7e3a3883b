import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/**
 * Paths that may carry secrets. pino replaces them before a line is written, so a careless
 * `logger.info({ req })` still cannot leak a bearer token, a session cookie or a password.
 */
export const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.password',
  '*.token',
  '*.secret',
  'password',
  'token',
  'secret',
];

/** Lines are held until this many bytes are pending (about a dozen access lines)… */
const batchBytes = 4096;
/** …or until this long has passed, so a quiet server's lines still reach a reader at once. */
const flushEveryMs = 100;

/**
 * One JSON logger for the process, on `stdout()` unless given another destination.
 */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: pino.DestinationStream, options: LineOptions = {}): Logger {
  return pino({ ...lineFormat(config.logLevel, options.fields), redact: { paths: redactedPaths, censor: '[redacted]' } }, destination ?? stdout());
}

let processStdout: pino.DestinationStream | undefined;

/**
 * The process's log destination: stdout, in batches. Lines are held until `batchBytes` are
 * pending or `flushEveryMs` has passed, then written with one synchronous system call — under
 * load one write carries about a dozen access lines instead of one. Synchronous, so no write is
 * ever in flight (an asynchronous destination hands each write to libuv's thread pool, and an
 * exit while one is under way writes the last lines first): what is pending at exit is written
 * on `exit`, after the lines before it, and only a SIGKILL loses it.
 */
function stdout(): pino.DestinationStream {
  if (processStdout) return processStdout;
  const destination = pino.destination({ dest: 1, sync: true, minLength: batchBytes, periodicFlush: flushEveryMs });
  process.once('exit', () => {
    try {
      destination.flushSync();
    } catch {
      // stdout is gone (a closed pipe): there is nowhere left to write.
    }
  });
  processStdout = destination;
  return destination;
}

export interface LineOptions {
  /** Fields added to every line when it is written (the active trace id, when tracing is on). */
  readonly fields?: (() => object) | undefined;
}

function lineFormat(level: string, fields: LineOptions['fields']): pino.LoggerOptions {
  return {
    level,
    base: { service: 'roster' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    ...(fields ? { mixin: fields } : {}),
  };
}

/**
 * The access log's own logger: the same lines on the same destination, without redaction. An
 * access line is built from the method, path, status and timing only (request-logging.ts), so
 * there is nothing to redact, and matching the redaction paths on every request cost more than
 * writing the line.
 */
export function accessLoggerOf(logger: Logger): Logger {
  const internals = logger as unknown as Record<symbol, unknown>;
  const stream = internals[pino.symbols.streamSym] as pino.DestinationStream;
  return pino(lineFormat(logger.level, internals[pino.symbols.mixinSym] as LineOptions['fields']), stream);
}

/**
 * Resolves once every line logged so far is written. Call it before anything else goes to stdout
 * (the banner, the demo password) so that it comes after the lines logged before it, and for a
 * line a reader waits on (`Roster is ready`), so that it is not held for the next batch.
 */
export function linesWritten(logger: Logger): Promise<void> {
  return new Promise((resolve) => logger.flush(() => resolve()));
}

/**
 * Ends the process once every line logged so far is written, the held batch included, whatever
 * the destination (a given one may be asynchronous: an exit while its write is under way could
 * lose lines or write the last ones first).
 */
export function exitAfterLogs(logger: Logger, code: number): void {
  void linesWritten(logger).then(() => process.exit(code));
}

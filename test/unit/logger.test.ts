import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { accessLoggerOf, createLogger, type LineOptions } from '../../src/logger.js';

function capture(options?: LineOptions) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ logLevel: 'info' }, destination, options), lines };
}

describe('log lines and traces', () => {
  it('adds the fields of the moment (the active trace) to every line, the access log included', () => {
    let traceId = 'a'.repeat(32);
    const { logger, lines } = capture({ fields: () => ({ traceId }) });
    logger.info('first');
    traceId = 'b'.repeat(32);
    accessLoggerOf(logger).info({ requestId: 'r1' }, 'GET / 200');
    expect(lines).toEqual([
      expect.objectContaining({ msg: 'first', traceId: 'a'.repeat(32) }),
      expect.objectContaining({ msg: 'GET / 200', traceId: 'b'.repeat(32) }),
    ]);
  });

  it('adds nothing when tracing is off', () => {
    const { logger, lines } = capture();
    logger.info('plain');
    accessLoggerOf(logger).info('GET / 200');
    expect(lines.map((line) => Object.keys(line).sort())).toEqual([
      ['level', 'msg', 'service', 'time'],
      ['level', 'msg', 'service', 'time'],
    ]);
  });
});

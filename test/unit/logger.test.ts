import { spawn } from 'node:child_process';
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

/** Runs `body` in a child process with the logger imported as `createLogger`; resolves with its stdout as timed chunks. */
function runLogging(body: string): Promise<{ at: number; text: string }[]> {
  const logger = JSON.stringify(new URL('../../src/logger.ts', import.meta.url).href);
  const script = `import { createLogger } from ${logger}; const logger = createLogger({ logLevel: 'info' }); ${body}`;
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const chunks: { at: number; text: string }[] = [];
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (chunk: Buffer) => chunks.push({ at: Date.now() - started, text: chunk.toString('utf8') }));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(chunks) : reject(new Error(`the logging process exited with ${code}`))));
  });
}

const messages = (chunks: { text: string }[]) =>
  chunks
    .map((c) => c.text)
    .join('')
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { msg: string }).msg);

describe('the process logger (stdout, written in batches)', () => {
  // 50 lines: one full batch is written as it fills, two lines are still pending at exit (with an
  // asynchronous destination, the write of the first batch was then still under way). 500: many batches.
  it.each([50, 500])('writes every line still pending when the process exits, in order (%i lines)', async (count) => {
    const chunks = await runLogging(`for (let i = 0; i < ${count}; i++) logger.info('line ' + i); process.exit(0);`);
    expect(messages(chunks)).toEqual(Array.from({ length: count }, (_, i) => `line ${i}`));
  });

  it('does not hold a quiet process’s line until more arrive', async () => {
    // One short line, far below a batch; the next comes 1.5 s later, just before exit.
    const chunks = await runLogging(`logger.info('alone'); setTimeout(() => { logger.info('later'); process.exit(0); }, 1500);`);
    const alone = chunks.find((c) => c.text.includes('"alone"'));
    const later = chunks.find((c) => c.text.includes('"later"'));
    expect(messages(chunks)).toEqual(['alone', 'later']);
    expect(alone).not.toBe(later);
    expect(later!.at - alone!.at).toBeGreaterThan(1000);
  });
});

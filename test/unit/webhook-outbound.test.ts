import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { checkEndpointUrl, isNonPublicAddress } from '../../src/domain/webhooks/webhook-address.js';
import { sendWebhook } from '../../src/domain/webhooks/webhook-sender.js';

/**
 * Outbound safety of webhooks: only https to public addresses (checked when the endpoint is saved
 * and again on the addresses the connection uses), no redirect followed, bounded reads and time.
 */
const strict = { allowInsecure: false };
const loose = { allowInsecure: true };

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function serve(handler: http.RequestListener): Promise<number> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

const message = (url: string) => ({ url, headers: { 'content-type': 'application/json' }, body: '{}' });

describe('webhook addresses', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fc00::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
  ])('treats %s as not public', (address) => {
    expect(isNonPublicAddress(address)).toBe(true);
  });

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700::1111', '::ffff:8.8.8.8'])('treats %s as public', (address) => {
    expect(isNonPublicAddress(address)).toBe(false);
  });

  it('accepts public https URLs and refuses the rest with the reason', () => {
    expect(checkEndpointUrl(' https://example.com/hooks ', strict)).toBe('https://example.com/hooks');
    for (const [url, reason] of [
      ['http://example.com/hooks', /https/],
      ['https://localhost:8443/hooks', /not a public address/],
      ['https://10.0.0.1/hooks', /not a public address/],
      ['https://[::1]/hooks', /not a public address/],
      ['https://169.254.169.254/latest/meta-data', /not a public address/],
      ['https://user:secret@example.com/hooks', /credentials/],
      ['not a url', /not a URL/],
    ] as const) {
      expect(() => checkEndpointUrl(url, strict), url).toThrow(reason);
    }
    expect(checkEndpointUrl('http://127.0.0.1:9999/hooks', loose)).toBe('http://127.0.0.1:9999/hooks');
  });
});

describe('sending a webhook', () => {
  it('refuses, at connect time, a name that resolves to a non-public address', async () => {
    const port = await serve((_req, res) => res.end('never'));
    const result = await sendWebhook(message(`https://localhost:${port}/hooks`), strict, 2_000);
    expect(result).toMatchObject({ status: null, error: expect.stringMatching(/not public/) });
    expect(await sendWebhook(message(`http://127.0.0.1:${port}/hooks`), strict, 2_000)).toMatchObject({ status: null, error: expect.stringMatching(/https/) });
  });

  it('does not follow a redirect', async () => {
    let followed = false;
    const port = await serve((req, res) => {
      if (req.url === '/elsewhere') followed = true;
      res.writeHead(302, { location: '/elsewhere' }).end();
    });
    const result = await sendWebhook(message(`http://127.0.0.1:${port}/hooks`), loose, 2_000);
    expect(result).toMatchObject({ status: 302, error: expect.stringMatching(/redirected to \/elsewhere/) });
    expect(followed).toBe(false);
  });

  it('reads at most 2 KB of the answer, and gives up on one that does not come in time', async () => {
    const big = await serve((_req, res) => res.end('x'.repeat(1024 * 1024)));
    const answered = await sendWebhook(message(`http://127.0.0.1:${big}/hooks`), loose, 2_000);
    expect(answered.status).toBe(200);
    expect(answered.responseBody?.length).toBe(2_048);

    const silent = await serve(() => undefined);
    const started = Date.now();
    const timedOut = await sendWebhook(message(`http://127.0.0.1:${silent}/hooks`), loose, 300);
    expect(timedOut).toMatchObject({ status: null, error: 'no answer within 0.3 s' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it("honours the receiver's Retry-After", async () => {
    const port = await serve((_req, res) => res.writeHead(503, { 'retry-after': '120' }).end());
    expect(await sendWebhook(message(`http://127.0.0.1:${port}/hooks`), loose, 2_000)).toMatchObject({ status: 503, retryAfterSeconds: 120 });
  });
});

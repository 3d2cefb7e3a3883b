import http from 'node:http';
import { describe, expect, it } from 'vitest';
import type { Services } from '../../../src/domain/services.js';
import { createLogger } from '../../../src/logger.js';
import { createScimDoor } from '../../../src/scim/router.js';

describe('SCIM unexpected errors', () => {
  it('are a masked 500 in SCIM JSON with the request id: no message, SQL or stack', async () => {
    const failing = {
      scimTokens: { authenticate: () => Promise.reject(new Error('syntax error at or near "select * from scim_token" (pg)')) },
    } as unknown as Services;
    const door = createScimDoor({
      logger: createLogger({ logLevel: 'silent' }),
      publicUrl: 'http://localhost',
      bodyLimitBytes: 1024,
      paging: { defaultCount: 10, maxCount: 10 },
      openServices: () => failing,
      requestIdOf: () => 'req-500',
    });
    const server = http.createServer(door).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as { port: number };
      const response = await fetch(`http://127.0.0.1:${port}/scim/v2/7d4b5b38-0000-4000-8000-000000000000/Users`, {
        headers: { authorization: 'Bearer roster_scim_x' },
      });
      const body = await response.text();
      expect(response.status).toBe(500);
      expect(response.headers.get('content-type')).toBe('application/scim+json; charset=utf-8');
      expect(JSON.parse(body)).toEqual({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
        status: '500',
        detail: 'Internal server error. Quote request id req-500 when reporting it.',
      });
      expect(body).not.toMatch(/select|syntax|pg|at /);
    } finally {
      server.close();
    }
  });

  it('are a masked 500 too when the step that takes the request in throws, and the server keeps serving', async () => {
    const door = createScimDoor({
      logger: createLogger({ logLevel: 'silent' }),
      publicUrl: 'http://localhost',
      bodyLimitBytes: 1024,
      paging: { defaultCount: 10, maxCount: 10 },
      openServices: () => {
        throw new Error('cannot fork an EntityManager');
      },
      requestIdOf: () => 'req-sync',
    });
    const server = http.createServer(door).listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const { port } = server.address() as { port: number };
      // A stray SCIM path with a token: its services are opened before anything is awaited.
      for (let attempt = 0; attempt < 2; attempt++) {
        const response = await fetch(`http://127.0.0.1:${port}/scim/Users`, { headers: { authorization: 'Bearer roster_scim_x' } });
        expect(response.status).toBe(500);
        expect(await response.json()).toMatchObject({ status: '500', detail: 'Internal server error. Quote request id req-sync when reporting it.' });
      }
    } finally {
      server.close();
    }
  });
});

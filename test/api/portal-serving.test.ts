import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtPortalDir, portalRoutes } from '../../src/http/portal.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

/** How the server hands out the built portal (dist/portal, built by the test run's global setup). */
let database: TestDatabase;
let app: TestApp;
beforeAll(async () => {
  database = await createTestDatabase();
  app = await startTestApp(database.url);
});
afterAll(async () => {
  await app.close();
  await database.drop();
});

const html = { accept: 'text/html,application/xhtml+xml' };

describe('the admin portal, served at /', () => {
  it('answers its client routes with index.html: uncached, a strict CSP, and no inline script', async () => {
    for (const route of [
      '/',
      '/sign-in',
      '/groups',
      '/groups/3f1c2b9e-0000-4000-8000-000000000000/scim',
      '/webhooks',
      '/webhooks/3f1c2b9e-0000-4000-8000-000000000000',
      '/events',
    ]) {
      const response = await fetch(`${app.baseUrl}${route}`, { headers: html });
      expect(response.status, route).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("connect-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/https?:|\*/);
      const page = await response.text();
      expect(page).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/);
      // Every script has a src on this origin: nothing inline, nothing from a CDN.
      expect([...page.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !/\bsrc="\/assets\//.test(tag))).toEqual([]);
      expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
  });

  it('caches the hashed assets for a year, and answers a missing one with a JSON 404', async () => {
    const assets = await readdir(path.join(builtPortalDir, 'assets'));
    const script = assets.find((name) => /^index-[\w-]+\.js$/.test(name));
    expect(script).toBeDefined();
    const response = await fetch(`${app.baseUrl}/assets/${script!}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    const missing = await fetch(`${app.baseUrl}/assets/index-00000000.js`, { headers: html });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('shadows none of the API routes, even for a browser asking for HTML', async () => {
    const ide = await fetch(`${app.baseUrl}/graphql`, { headers: html });
    expect(await ide.text()).toContain('<title>Roster — GraphQL IDE</title>');
    const health = await fetch(`${app.baseUrl}/healthz`, { headers: html });
    expect(health.headers.get('content-type')).toMatch(/^application\/json/);
    const ready = await fetch(`${app.baseUrl}/readyz`, { headers: html });
    expect(ready.headers.get('content-type')).toMatch(/^application\/json/);
    const scim = await fetch(`${app.baseUrl}/scim/v2/3f1c2b9e-0000-4000-8000-000000000000/Users`, { headers: html });
    expect(scim.status).toBe(401);
    expect(scim.headers.get('content-type')).toMatch(/^application\/scim\+json/);
    const metrics = await fetch(`${app.baseUrl}/metrics`, { headers: html });
    expect(metrics.headers.get('content-type')).not.toMatch(/^text\/html/);
    // Paths that are no client route keep the JSON 404 (test/api/http.test.ts).
    for (const other of ['/groupsx', '/index.html', '/groups/a.js', '/webhooksx', '/events/x', '/eventsx']) {
      const response = await fetch(`${app.baseUrl}${other}`, { headers: html });
      expect(response.status, other).toBe(404);
      expect(response.headers.get('content-type'), other).toMatch(/^application\/json/);
    }
  });

  it('answers a POST or a JSON client on a client route as any unknown route', async () => {
    expect((await fetch(`${app.baseUrl}/groups`, { method: 'POST', headers: html })).status).toBe(404);
    expect((await fetch(`${app.baseUrl}/groups`, { headers: { accept: 'application/json' } })).status).toBe(404);
  });

  it('says how to build the portal when it is not built', async () => {
    const empty = await mkdtemp(path.join(os.tmpdir(), 'roster-portal-'));
    try {
      const response = await request(express().use(portalRoutes(empty)))
        .get('/groups')
        .set('accept', 'text/html');
      expect(response.status).toBe(503);
      expect(response.text).toContain('The admin portal is not built. Run `npm run build`');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});

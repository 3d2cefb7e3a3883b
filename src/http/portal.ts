import { readFile } from 'node:fs/promises';
import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import { projectRoot } from '../version.js';

/** Where `npm run build` puts the admin portal (portal/vite.config.ts). */
export const builtPortalDir = path.join(projectRoot, 'dist', 'portal');

/**
 * The portal's client-side routes (portal/src/app/app.tsx): a browser opening one of them, or
 * reloading it, gets index.html and the router takes over. Only these: any other path keeps its
 * JSON 404, and nothing here can shadow /graphql, /scim, /healthz, /readyz, /metrics or /ide.
 */
const clientRoute = /^\/(?:sign-in|events|(?:groups|webhooks)(?:\/[^/.]+)*)?\/?$/;

/**
 * The portal's Content-Security-Policy: scripts and styles from this origin only (Vite emits no
 * inline script), API calls to this origin only, no frames, no plugins, nothing from a CDN.
 * Inline *styles* are allowed: Radix's dialogs add a <style> element to lock page scrolling, and
 * style attributes carry no script.
 */
export const portalContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Hashed file names change with their content, so browsers may keep them for a year. */
const immutableAssets = { immutable: true, maxAge: '365d', index: false, fallthrough: true } as const;

const notBuilt = 'The admin portal is not built. Run `npm run build` (npm start does it), or `npm run dev` to work on it with hot reload.\n';

/** index.html for a client route: never cached, so a new build is picked up on the next load. */
function indexPage(dir: string): RequestHandler {
  return (req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !clientRoute.test(req.path) || !req.accepts('html')) {
      next();
      return;
    }
    readFile(path.join(dir, 'index.html'), 'utf8').then(
      (html) => {
        res
          .status(200)
          .type('text/html; charset=utf-8')
          .set('Cache-Control', 'no-cache')
          .set('Content-Security-Policy', portalContentSecurityPolicy)
          .send(html);
      },
      (error: unknown) => {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
          next(error);
          return;
        }
        res.status(503).type('text/plain; charset=utf-8').set('Cache-Control', 'no-store').send(notBuilt);
      },
    );
  };
}

/**
 * The built admin portal at `/`: client routes get index.html (uncached), `/assets/*` the hashed
 * bundles (cached for a year, immutable), and the few other files of the build (the icon) are
 * cached for an hour. Mounted after the API routes.
 */
export function portalRoutes(dir: string = builtPortalDir): Router {
  const router = Router();
  router.use(indexPage(dir));
  router.use('/assets', express.static(path.join(dir, 'assets'), immutableAssets));
  router.get('/favicon.svg', (_req, res, next) => {
    res.sendFile(path.join(dir, 'favicon.svg'), { maxAge: '1h' }, (error) => (error ? next() : undefined));
  });
  return router;
}

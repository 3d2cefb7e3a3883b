import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { findFreeLoopbackPort } from '../../../src/db/embedded-postgres.js';
import type { AdminActor } from '../../../src/domain/shared/actor.js';
import { startTestApp, type TestApp } from '../../support/app.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { servicesFor } from '../../support/services.js';
import { chromiumPath, launchChromium } from './portal-browser.js';

// CI installs Debian's chromium (.ci/run) and must run these; a laptop without it skips, visibly.
export const runBrowser = existsSync(chromiumPath) || process.env.CI === 'true';

export interface Portal {
  /** The server's origin; PUBLIC_URL is the same, so the SCIM URLs the portal shows reach it. */
  readonly base: string;
  readonly app: TestApp;
  readonly database: TestDatabase;
  readonly browser: Browser;
  /** The demo organization's owner (PRO plan), made by the first-start bootstrap. */
  readonly demo: { readonly email: string; readonly password: string };
  /** An admin as an actor, for arranging data through the services. */
  actorFor(email: string, password: string): Promise<AdminActor>;
  /** The demo owner as an actor. */
  adminActor(): Promise<AdminActor>;
}

/**
 * One server (the real app, serving the built portal from dist/portal, on a database of its own)
 * and one browser for a test file, started before its tests and stopped after them. `env` adds to
 * the server's configuration (WEBHOOK_ALLOW_HTTP=true for a receiver on loopback).
 */
export function usePortal(env: Record<string, string> = {}): Portal {
  let state: Omit<Portal, 'actorFor' | 'adminActor'> | undefined;
  const get = () => {
    if (!state) throw new Error('the portal fixture is used before beforeAll ran');
    return state;
  };
  beforeAll(async () => {
    const database = await createTestDatabase();
    const port = await findFreeLoopbackPort();
    const base = `http://127.0.0.1:${port}`;
    const app = await startTestApp(database.url, { ...env, PORT: String(port), PUBLIC_URL: base });
    const demo = await servicesFor(app.database.orm).organizations.bootstrapDemo();
    if (!demo) throw new Error('the test database already had an organization');
    state = { base, app, database, demo, browser: await launchChromium() };
  });
  afterAll(async () => {
    if (!state) return;
    await state.browser.close();
    await state.app.close();
    await state.database.drop();
  });
  const actorFor = async (email: string, password: string) => {
    const { app } = get();
    const { token } = await servicesFor(app.database.orm).auth.signIn(email, password);
    const actor = await servicesFor(app.database.orm).auth.authenticate(token, null);
    if (!actor) throw new Error(`${email} could not sign in`);
    return actor;
  };
  return {
    get base() {
      return get().base;
    },
    get app() {
      return get().app;
    },
    get database() {
      return get().database;
    },
    get browser() {
      return get().browser;
    },
    get demo() {
      return get().demo;
    },
    actorFor,
    adminActor: () => actorFor(get().demo.email, get().demo.password),
  };
}

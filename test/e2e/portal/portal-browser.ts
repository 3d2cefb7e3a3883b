import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { projectRoot } from '../../../src/version.js';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The same flags as the IDE test: headless, nothing phoning home. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

const loopback = /^(https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/|data:|blob:)/;

/** Screenshots of each step, kept as CI artifacts (test-results/ is CI's report folder). */
export const screenshotDir = path.join(projectRoot, 'test-results', 'portal');

export interface WatchedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Console errors and uncaught exceptions so far. */
  readonly problems: string[];
  /** Every URL the page requested that is not on this machine. */
  offHost(): string[];
  /** A full-page screenshot named after the step. */
  shot(step: string): Promise<void>;
  /** axe-core on the page as it is now: no serious or critical violation. */
  expectAccessible(step: string): Promise<void>;
}

/** A fresh browser context (its own cookies) at 1280 px, with the clipboard allowed for `origin`. */
export async function watchedPage(browser: Browser, origin: string, name: string): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  const page = await context.newPage();
  // Fail a step in seconds rather than at the test's own timeout, so the failure names the step.
  page.setDefaultTimeout(10_000);
  const requested: string[] = [];
  const problems: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await mkdir(screenshotDir, { recursive: true });
  let step = 0;
  return {
    page,
    context,
    problems,
    offHost: () => requested.filter((url) => !loopback.test(url)),
    shot: async (label) => {
      step += 1;
      await page.screenshot({ path: path.join(screenshotDir, `${name}-${String(step).padStart(2, '0')}-${label}.png`), fullPage: true });
    },
    expectAccessible: async (label) => {
      const results = await new AxeBuilder({ page }).analyze();
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${label}: ${v.id} (${v.impact ?? ''}) ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      expect(serious).toEqual([]);
    },
  };
}

/**
 * expect.poll with room for a loaded CI machine (its default gives up after 1 s): the page shows
 * what a request brings once it has come back, and the positive signal is what is waited for.
 */
export function eventually<T>(read: () => T | Promise<T>, options: { timeout?: number } = {}) {
  return expect.poll(read, { timeout: 10_000, ...options });
}

/** Signs in through the form, as an admin would. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The clipboard as the page can read it (the permission is granted by watchedPage). */
export function clipboardOf(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }).navigator.clipboard.readText());
}

/** Everything the page keeps in localStorage and sessionStorage, as one string. */
export function browserStorageOf(page: Page): Promise<string> {
  return page.evaluate(() => {
    const g = globalThis as unknown as { localStorage: Storage; sessionStorage: Storage };
    const dump = (s: Storage) => Object.fromEntries(Array.from({ length: s.length }, (_, i) => s.key(i) ?? '').map((k) => [k, s.getItem(k)]));
    return JSON.stringify({ local: dump(g.localStorage), session: dump(g.sessionStorage) });
  });
}

interface Storage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
}

import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Drives the GraphiQL 4 page the way an admin does: editors by keyboard, the ▶ button, the tabs. */
export interface GraphiqlPage {
  /** Replaces the text of the query editor with a named operation; resolves once GraphiQL has it. */
  setQuery(text: string): Promise<void>;
  /** Replaces the text of the Variables pane. */
  setVariables(text: string): Promise<void>;
  /** Replaces the text of the Headers pane. */
  setHeaders(text: string): Promise<void>;
  openTab(title: string): Promise<void>;
  /** Presses ▶ and waits until the result pane shows `expected`; answers the pane's text. */
  run(expected: string): Promise<string>;
  /** Every key and value of the page's localStorage and sessionStorage. */
  storage(): Promise<Record<string, string>>;
}

interface WebStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
}

// CodeMirror 5 takes keyboard input only; insertText pastes without its auto-closed brackets.
async function replaceText(page: Page, editor: string, text: string): Promise<void> {
  await page.locator(`${editor} .CodeMirror`).click();
  await page.keyboard.press('Control+A');
  if (text === '') await page.keyboard.press('Delete');
  else await page.keyboard.insertText(text);
}

export function graphiqlPage(page: Page): GraphiqlPage {
  // The Variables and Headers panes share one area; the one not shown is `.hidden`.
  const toolPane = '.graphiql-editor-tool .graphiql-editor:not(.hidden)';
  const showTool = (name: string) => page.locator('.graphiql-editor-tools button', { hasText: name }).click();
  return {
    setQuery: async (text) => {
      // GraphiQL takes an edit into the tab (and so into history, and ▶'s operation name) 100 ms
      // later; the tab title shows the operation name once it has, so only named operations here.
      const name = /^(?!#).*(?:query|subscription|mutation)\s+([a-zA-Z0-9_]+)/m.exec(text)?.[1];
      if (!name) throw new Error(`setQuery needs a named operation, to see GraphiQL take it in: ${text}`);
      await replaceText(page, '.graphiql-query-editor', text);
      await expect.poll(() => page.locator('.graphiql-tab-active').innerText()).toBe(name);
    },
    setVariables: async (text) => {
      await showTool('Variables');
      await replaceText(page, toolPane, text);
    },
    setHeaders: async (text) => {
      await showTool('Headers');
      await replaceText(page, toolPane, text);
    },
    openTab: async (title) => {
      await page.locator('.graphiql-tab-button', { hasText: title }).click();
      await expect.poll(() => page.locator('.graphiql-tab-active').innerText()).toContain(title);
    },
    run: async (expected) => {
      await page.locator('.graphiql-execute-button').click();
      await expect.poll(() => page.locator('.graphiql-response').innerText(), { timeout: 15_000 }).toContain(expected);
      return page.locator('.graphiql-response').innerText();
    },
    storage: () =>
      page.evaluate(() => {
        // Runs in the page (this project compiles without the DOM library).
        const { localStorage, sessionStorage } = globalThis as unknown as Record<'localStorage' | 'sessionStorage', WebStorage>;
        const all: Record<string, string> = {};
        for (const store of [localStorage, sessionStorage]) {
          for (let i = 0; i < store.length; i++) {
            const key = store.key(i);
            if (key !== null) all[key] = store.getItem(key) ?? '';
          }
        }
        return all;
      }),
  };
}

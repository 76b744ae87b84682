/**
 * Drives the code-server workbench in Chromium as a person would: keyboard shortcuts, Quick Open, the command
 * palette, the Problems panel, mouse hovers. Selectors are the ones of VS Code 1.139 (see
 * docs/architecture.md#real-vs-code). Every wait has a timeout; no fixed sleeps.
 */
import * as path from 'node:path';
import type { Browser, BrowserContext, FrameLocator, Locator, Page } from 'playwright-core';

/** The color themes the scenario runs in, as `workbench.colorTheme` names them. */
export const themes = {
  light: 'Default Light Modern',
  dark: 'Default Dark Modern',
  'high-contrast': 'Default High Contrast',
} as const;

/** `light`, `dark` or `high-contrast`. */
export type ThemeKind = keyof typeof themes;

/** The class the workbench element carries in each theme (VS Code's theme type). */
export const themeClasses: Record<ThemeKind, string> = {
  light: 'vs',
  dark: 'vs-dark',
  'high-contrast': 'hc-black',
};

/** The browser window's size, and so the size of every screenshot. */
export const viewport = { width: 1280, height: 800 } as const;

/** Default limit of one wait (selector, condition) in milliseconds. */
export const waitTimeoutMs = 30_000;

/** Replaces the no-break spaces the editor renders with ordinary spaces. */
export function normalizeSpaces(text: string): string {
  return text.replace(/\u00a0/g, ' ');
}

/** One browser tab showing the workbench of a code-server, opened on a folder. */
export class Workbench {
  private constructor(
    private readonly context: BrowserContext,
    /** The Playwright page of the workbench. */
    readonly page: Page,
    /** The color theme the workbench was opened in. */
    readonly theme: ThemeKind,
  ) {}

  /**
   * Opens `folder` in a fresh browser context (so no editors or panels come back from an earlier visit) and
   * waits until the workbench shows the folder in the Explorer and uses the colors of `theme`.
   */
  static async open(browser: Browser, origin: string, folder: string, theme: ThemeKind): Promise<Workbench> {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    page.setDefaultTimeout(waitTimeoutMs);
    await page.goto(`${origin}/?folder=${encodeURIComponent(path.resolve(folder))}`);
    await page.locator(`.monaco-workbench.${themeClasses[theme]}`).waitFor();
    await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor();
    return new Workbench(context, page, theme);
  }

  /** Closes the browser context (the server and its extension host keep running). */
  async close(): Promise<void> {
    await this.context.close().catch(() => undefined);
  }

  /** The Quick Open / command palette box and its result rows. */
  private get quickInput(): { input: Locator; rows: Locator } {
    const widget = this.page.locator('.quick-input-widget');
    return {
      input: widget.locator('input').first(),
      rows: widget.locator('.quick-input-list .monaco-list-row'),
    };
  }

  /**
   * Opens a workspace file through Quick Open (Ctrl+P): types its relative path, waits for the row of that
   * file and picks it; resolves when its tab is the active one.
   */
  async quickOpen(relativePath: string): Promise<void> {
    const { input, rows } = this.quickInput;
    const name = path.posix.basename(relativePath);
    await this.page.keyboard.press('Control+P');
    await input.waitFor();
    await input.fill(relativePath);
    const dir = path.posix.dirname(relativePath);
    const row = rows.filter({ hasText: name }).filter({ hasText: dir }).first();
    await row.waitFor();
    await row.click();
    await this.activeTab(name).waitFor();
  }

  /** Moves the cursor of the active editor to `line` (1-based) through Quick Open's `:line`. */
  async goToLine(line: number): Promise<void> {
    const { input } = this.quickInput;
    await this.page.keyboard.press('Control+P');
    await input.waitFor();
    await input.fill(`:${line}`);
    await this.page.keyboard.press('Enter');
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** The label of the active editor tab, when it reads `label` (name and suffix, e.g. `a.plan` + `.yaml`). */
  activeTab(label: string): Locator {
    return this.page
      .locator('.editor-group-container.active .tab.active .monaco-icon-label-container')
      .filter({ hasText: new RegExp(`^${escapeRegExp(label)}$`) });
  }

  /** The label of a tab that shows its editor in any editor group (a view opened beside keeps the focus away). */
  shownTab(label: string): Locator {
    return this.page
      .locator('.editor-group-container .tab.active .monaco-icon-label-container')
      .filter({ hasText: new RegExp(`^${escapeRegExp(label)}$`) });
  }

  /**
   * Runs a command from the command palette (F1): types `>title`, waits for the row whose label is exactly
   * `title`, presses Enter. Resolves false (and closes the palette) when no such command appears within
   * `timeoutMs`; true when it ran.
   */
  async runCommand(title: string, timeoutMs = 5000): Promise<boolean> {
    const { input, rows } = this.quickInput;
    await this.page.keyboard.press('F1');
    await input.waitFor();
    await input.fill(`>${title}`);
    const row = rows.filter({
      has: this.page.locator('.label-name', { hasText: new RegExp(`^${escapeRegExp(title)}$`) }),
    });
    try {
      await row.first().waitFor({ timeout: timeoutMs });
    } catch {
      await this.page.keyboard.press('Escape');
      return false;
    }
    await row.first().click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    return true;
  }

  /** Clears the notification toasts and the Notification Center, so nothing covers the editor or a panel. */
  async dismissNotifications(): Promise<void> {
    if ((await this.page.locator('.notifications-toasts .notification-toast').count()) === 0) return;
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'hidden' });
  }

  /**
   * Runs "Developer: Reload Window" and resolves when the NEW page shows the workbench in its theme again (the
   * old page is marked first, so its workbench cannot pass for the new one).
   */
  async reloadWindow(): Promise<void> {
    const mark = '__iscPlanE2eBeforeReload';
    await this.page.evaluate((name) => Reflect.set(window, name, true), mark);
    const main = this.page.mainFrame();
    const navigated = this.page.waitForEvent('framenavigated', { predicate: (frame) => frame === main });
    navigated.catch(() => undefined); // awaited below; never an unhandled rejection when the command fails
    if (!(await this.runCommand('Developer: Reload Window'))) {
      throw new Error('"Developer: Reload Window" is not in the command palette');
    }
    await navigated;
    await this.page.waitForFunction((name) => !Reflect.has(window, name), mark);
    await this.page.locator(`.monaco-workbench.${themeClasses[this.theme]}`).waitFor();
  }

  /** The cursor of the active text editor as the status bar shows it (`Ln 12, Col 5`); undefined when hidden. */
  async cursorPosition(): Promise<{ line: number; column: number } | undefined> {
    const item = this.page.locator('[id="status.editor.selection"]');
    if (!(await item.isVisible())) return undefined;
    const match = /Ln (\d+), Col (\d+)/.exec((await item.textContent()) ?? '');
    return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
  }

  /** The language indicator of the status bar (the active editor's language name). */
  languageIndicator(): Locator {
    return this.page.locator('[id="status.editor.mode"]');
  }

  /** The squiggles of the visible editor with `severity` (`error`, `warning`, `info`). */
  squiggles(severity: 'error' | 'warning' | 'info'): Locator {
    return this.page.locator(`.editor-group-container.active .monaco-editor .squiggly-${severity}`);
  }

  /**
   * Opens the Problems panel (Ctrl+Shift+M) and, when `filter` is given, types it into the panel's filter box
   * (text or a glob such as `** /name.yaml`). Resolves when the panel shows at least one row.
   */
  async openProblems(filter?: string): Promise<Locator> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible())) await this.page.keyboard.press('Control+Shift+M');
    await panel.waitFor();
    if (filter !== undefined) {
      const box = this.page.locator(
        '.panel .viewpane-filter input, .panel .markers-panel-action-filter input',
      );
      await box.first().fill(filter);
    }
    const rows = panel.locator('.monaco-list-row');
    await rows.first().waitFor();
    return rows;
  }

  /** The text of every row the Problems panel shows (no-break spaces normalized). */
  async problemTexts(): Promise<string[]> {
    const texts = await this.page.locator('.markers-panel .monaco-list-row').allTextContents();
    return texts.map(normalizeSpaces);
  }

  /**
   * Hovers `word` on the first visible editor line that contains `lineText`: moves the mouse onto the middle of
   * the word twice (the editor starts a hover only after the mouse rests), then waits until the hover shows
   * `expect`. Resolves with the hover's text.
   */
  async hoverWord(lineText: string, word: string, expect: RegExp): Promise<string> {
    const box = await this.wordBox(lineText, word);
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    const hover = this.page.locator('.monaco-hover .hover-contents');
    const deadline = Date.now() + waitTimeoutMs;
    for (;;) {
      await this.page.mouse.move(x - 2, y);
      await this.page.mouse.move(x, y, { steps: 3 });
      try {
        await hover.filter({ hasText: expect }).first().waitFor({ timeout: 5000 });
        break;
      } catch (error) {
        if (Date.now() > deadline) throw error;
        // The language server may still be working on its first answer: move away and try again.
        await this.page.mouse.move(5, 5);
      }
    }
    return normalizeSpaces((await hover.allTextContents()).join('\n'));
  }

  /** The box of `word` inside the first rendered editor line whose text contains `lineText`. */
  private async wordBox(
    lineText: string,
    word: string,
  ): Promise<{ x: number; y: number; width: number; height: number }> {
    const line = this.page
      .locator('.editor-group-container.active .monaco-editor .view-line')
      .filter({ hasText: lineText })
      .first();
    await line.waitFor();
    const box = await line.evaluate(
      (element, wanted) => {
        const text = (element.textContent ?? '').replace(/\u00a0/g, ' ');
        const start = text.indexOf(wanted.lineText) + wanted.lineText.indexOf(wanted.word);
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let offset = 0;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = node.textContent?.length ?? 0;
          if (offset <= start && start < offset + length) range.setStart(node, start - offset);
          const end = start + wanted.word.length;
          if (offset < end && end <= offset + length) range.setEnd(node, end - offset);
          offset += length;
        }
        const rect = range.getBoundingClientRect();
        return { x: rect.x, y: rect.y, width: rect.width, height: rect.height };
      },
      { lineText, word },
    );
    if (box.width === 0) throw new Error(`"${word}" is not visible on the editor line with "${lineText}"`);
    return box;
  }

  /** The content of the webview that is showing (a panel's iframe, then its inner `#active-frame`). */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  /** Writes a PNG of the whole window, as a user sees it, to `file`. */
  async screenshot(file: string): Promise<void> {
    await this.page.screenshot({ path: file, type: 'png' });
  }
}

/** Escapes `text` for use inside a regular expression. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export type { Browser, Page };

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
/** Screenshots of each screen the browser tests pass through (git-ignored, under .cache/). */
export const SCREENS_DIR = path.join(ROOT, '.cache', 'console-screens');

/**
 * Debian's Chromium, installed by scripts/browser/ensure-chromium.sh when missing (Playwright's
 * own browser download cannot work here), driven through playwright-core.
 */
export async function launchChromium(): Promise<Browser> {
  const executablePath = execFileSync('bash', [path.join(ROOT, 'scripts/browser/ensure-chromium.sh')], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  mkdirSync(SCREENS_DIR, { recursive: true });
  // The tests run as root in a container, where Chromium's sandbox cannot start.
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** Saves what the page shows now as `<name>.png` under the screens folder. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENS_DIR, `${name}.png`), fullPage: true });
}

/**
 * Opens the console in a context of its own (its own session storage) and signs in with the
 * token. With `movableClock` the page's time runs as usual until the test moves it forward
 * (`page.clock.fastForward`), as the monitor's is moved, so both tell the same time.
 */
export async function signedIn(browser: Browser, consoleUrl: string, token: string, options: { movableClock?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext({ locale: 'ru-RU', timezoneId: 'Europe/Moscow', viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  if (options.movableClock) await page.clock.install();
  await page.goto(consoleUrl);
  // The token field has the focus once the application has rendered: typing and Enter sign in.
  await page.locator('#staff-token:focus').waitFor();
  await page.keyboard.insertText(token);
  await page.keyboard.press('Enter');
  await page.locator('nav.top').waitFor();
  return page;
}

/** The id of the element that has the keyboard focus. */
export function focusedId(page: Page): Promise<string | null> {
  return page.locator(':focus').getAttribute('id');
}

// Drives Debian's chromium (never a downloaded browser) through Playwright against the console
// the gateway serves: every screen visited is saved at a desktop and a phone viewport and
// checked with axe-core; console errors of the page are collected for the test to refuse.
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureChromium, TEST } from '@crm/infra';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const consoleUrl = `http://127.0.0.1:${TEST.gatewayPort}`;
export const SCREENSHOTS = path.resolve(__dirname, '..', 'screenshots', 'console');
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export async function launchBrowser(): Promise<Browser> {
  const executablePath = ensureChromium((line) => process.stdout.write(`[e2e] ${line}\n`));
  mkdirSync(SCREENSHOTS, { recursive: true });
  return chromium.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught exceptions of the page, in order. */
  errors: string[];
}

/** A fresh browser profile (no token, default language) with error collection. */
export async function openSession(browser: Browser): Promise<Session> {
  const context = await browser.newContext({ viewport: DESKTOP, baseURL: consoleUrl });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  return { context, page, errors };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious and critical accessibility violations of the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const { axe } = globalThis as unknown as {
      axe: { run: (context: unknown) => Promise<{ violations: AxeViolation[] }> };
    };
    const result = await axe.run((globalThis as unknown as { document: unknown }).document);
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
}

/**
 * Records the screen the page shows: a screenshot at desktop and at phone size, and an axe
 * check that must find no serious or critical violation.
 */
export async function record(page: Page, name: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page)).toEqual([]);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-desktop.png`), fullPage: true });
  await page.setViewportSize(PHONE);
  // no screen scrolls sideways on a phone (scrollWidth <= innerWidth): what is wider scrolls in
  // its own box; a failure names the screen and the elements that stick out
  expect({ screen: name, ...(await sideways(page)) }).toEqual({
    screen: name,
    overflow: 0,
    wide: [],
  });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
  await page.setViewportSize(DESKTOP);
}

/** By how many pixels the document is wider than the viewport, and which elements cause it. */
async function sideways(page: Page): Promise<{ overflow: number; wide: string[] }> {
  return page.evaluate(() => {
    interface Box {
      tagName: string;
      className: unknown;
      children: ArrayLike<Box>;
      parentElement: Box | null;
      getBoundingClientRect(): { right: number };
    }
    const { document, innerWidth, getComputedStyle } = globalThis as unknown as {
      document: { documentElement: { scrollWidth: number }; querySelectorAll(s: string): Box[] };
      innerWidth: number;
      getComputedStyle(e: Box): { overflowX: string };
    };
    const overflow = Math.max(0, document.documentElement.scrollWidth - innerWidth);
    const beyond = (e: Box) => e.getBoundingClientRect().right > innerWidth + 0.5;
    // content of a box that scrolls or clips does not widen the page
    const contained = (e: Box): boolean =>
      !!e.parentElement &&
      (getComputedStyle(e.parentElement).overflowX !== 'visible' || contained(e.parentElement));
    // the innermost elements past the right edge (their ancestors stick out because of them)
    const wide = overflow
      ? [...document.querySelectorAll('body *')]
          .filter((e) => beyond(e) && !contained(e) && !Array.from(e.children).some(beyond))
          .slice(0, 5)
          .map((e) => `${e.tagName.toLowerCase()}.${String(e.className)}`)
      : [];
    return { overflow, wide };
  });
}

/** Signs in through the login screen and waits for the home screen. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/');
  await page.waitForURL('**/login');
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill('demo1234');
  await page.locator('form button[type=submit]').click();
  await page.getByRole('heading', { level: 1 }).first().waitFor();
  await page.waitForURL((url) => url.pathname === '/');
}

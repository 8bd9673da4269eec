import { existsSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

/**
 * The system's Chromium (Debian's `chromium` package, which .ci/run installs): Playwright's own browser download
 * cannot run here. CHROMIUM_PATH points elsewhere.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: apt-get install chromium, or set CHROMIUM_PATH`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true });
}

/** Viewports of the two layouts the app is checked at. */
const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

/**
 * A browser context of its own (cookies, storage: one shopper) on the app at `baseURL`, at desktop width unless told.
 * A page error or a console error fails the test that reads `errors`.
 */
export async function openShopper(browser: Browser, baseURL: string, viewport = DESKTOP) {
  const context: BrowserContext = await browser.newContext({ baseURL, viewport });
  // Well inside the test's own timeout, so a step that never shows fails with Playwright's account of what it awaited.
  context.setDefaultTimeout(10_000);
  const page: Page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return { context, page, errors };
}

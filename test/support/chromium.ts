/**
 * Launch options for the headless Chromium that browser tests drive through playwright-core, needing
 * nothing installed beyond `npm ci`. Which browser, in this order:
 *   1. $DRSIM_CHROMIUM, when set: an explicit choice (it must exist);
 *   2. the build shipped in the npm package @sparticuz/chromium (x86_64 Linux), unpacked on first use;
 *   3. /usr/bin/chromium (Debian's package), only where the packaged build cannot run (another platform).
 * With none of them it throws: a browser test fails, it never skips.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LaunchOptions, Page } from 'playwright-core';
import { DEJAVU_TTF_DIR } from '../../src/report/bundled-fonts.js';
import { packagedChromium, packagedChromiumUnavailable } from './packaged-chromium.js';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/**
 * How long a browser step may take before it counts as hung. Playwright's 30 s default is a hang
 * detector tuned for idle machines: a 4 MB report whose charts render during load took longer on a CI
 * machine with both cores busy (the whole suite ran 2.5× its idle time), so the steps get most of
 * jest's per-test budget (240 s) instead. A real hang still fails.
 */
export const BROWSER_STEP_MS = 180_000;

/** Opens a drsim report page and waits until its charts say they are done (window.drsimReport.done). */
export async function openReport(page: Page, url: string): Promise<void> {
  page.setDefaultTimeout(BROWSER_STEP_MS);
  page.setDefaultNavigationTimeout(BROWSER_STEP_MS);
  await page.goto(url, { timeout: BROWSER_STEP_MS });
  await page.waitForFunction('window.drsimReport && window.drsimReport.done === true', undefined, { timeout: BROWSER_STEP_MS });
}

/**
 * Without the background-networking flags Chromium keeps trying to reach Google's hosts, which this
 * machine's closed network refuses. The sandbox needs user namespaces that containers lack (and we run as root).
 */
export const CHROMIUM_ARGS: readonly string[] = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

export interface ChromiumChoice {
  launch: LaunchOptions;
  /** Where the browser came from, for messages. */
  source: string;
  /** Time spent unpacking or waiting for another worker's unpack (0 for an installed browser). */
  unpackMs: number;
}

/** Writes `text` to `path` unless it already holds it; via rename, so a concurrent reader never sees half a file. */
function writeIfChanged(path: string, text: string): void {
  if (existsSync(path) && readFileSync(path, 'utf8') === text) return;
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

/**
 * The packaged build carries its own fontconfig, configured only by FONTCONFIG_FILE: this file keeps
 * the machine's fonts (when /etc/fonts exists) and adds the bundled DejaVu faces, so the report's
 * "DejaVu Sans" is the real one even on a machine without fonts-dejavu-core, and text never vanishes.
 */
function fontconfigFile(dir: string): string {
  const xml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const path = join(dir, 'fonts.conf');
  writeIfChanged(path, `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${xml(DEJAVU_TTF_DIR)}</dir>
  <cachedir>${xml(join(dir, 'fontconfig-cache'))}</cachedir>
</fontconfig>
`);
  return path;
}

export async function findChromium(): Promise<ChromiumChoice> {
  const explicit = process.env['DRSIM_CHROMIUM'];
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`DRSIM_CHROMIUM=${explicit} does not exist`);
    return { launch: { executablePath: explicit, args: [...CHROMIUM_ARGS], timeout: BROWSER_STEP_MS }, source: `DRSIM_CHROMIUM (${explicit})`, unpackMs: 0 };
  }
  const unavailable = packagedChromiumUnavailable();
  if (unavailable === undefined) {
    const packaged = await packagedChromium();
    const libs = [packaged.libDir, process.env['LD_LIBRARY_PATH']].filter(Boolean).join(':');
    return {
      launch: {
        executablePath: packaged.executablePath,
        args: [...CHROMIUM_ARGS],
        timeout: BROWSER_STEP_MS,
        // Its own NSS/NSPR/expat first: the build then needs only glibc and libgcc from the machine.
        env: { ...process.env, LD_LIBRARY_PATH: libs, FONTCONFIG_FILE: fontconfigFile(packaged.dir) },
      },
      source: `@sparticuz/chromium ${packaged.version} (${packaged.executablePath})`,
      unpackMs: packaged.ms,
    };
  }
  if (existsSync(SYSTEM_CHROMIUM)) return { launch: { executablePath: SYSTEM_CHROMIUM, args: [...CHROMIUM_ARGS], timeout: BROWSER_STEP_MS }, source: SYSTEM_CHROMIUM, unpackMs: 0 };
  throw new Error(`No Chromium for the browser tests: ${unavailable}, DRSIM_CHROMIUM is not set and ${SYSTEM_CHROMIUM} does not exist. This test does not skip.`);
}

/** Collects the page's script errors and console errors from now on (the array fills as they come). */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return errors;
}

/**
 * Page-side code (a string: the project's tsconfig has no DOM types): the first five elements that reach
 * past the viewport's right edge or scroll sideways, as TAG.class.
 */
export const OVERFLOWING_ELEMENTS = `(() => {
  const vw = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')].filter((e) => {
    const r = e.getBoundingClientRect();
    return (r.width > 0 || r.height > 0) && (r.right > vw + 1 || (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'));
  }).map((e) => e.tagName + '.' + e.className).slice(0, 5);
})()`;

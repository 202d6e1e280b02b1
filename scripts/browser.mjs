// Finds a Chromium for the end-to-end tests and benchmarks: $CHROME_PATH, Debian's chromium,
// or the one Playwright downloads. Returns null when there is none.
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/**
 * The features Playwright itself disables when it launches Chromium (1.65, read off the launched
 * browser's command line). Chromium keeps only the last `--disable-features` switch, so a list of
 * our own must carry Playwright's too or it silently turns them back on;
 * `tests/unit/chromium-args.test.ts` fails when Playwright's list changes.
 */
export const PLAYWRIGHT_DISABLED_FEATURES = [
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'TcpPortRandomizationWin',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  'msForceBrowserSignIn',
  'msEdgeUpdateLaunchServicesPreferredVersion',
];

/**
 * The omnibox's popups as web pages (chrome://omnibox-popup.top-chrome): Chromium starts a renderer
 * for them with every new window, and a test or benchmark opens a window per browser context. On
 * 2 cores that renderer took about 1 s of CPU (660–810 ms on its main thread, 340–530 ms in its
 * thread pool, read from /proc) during the 2 s the page under test was starting, and every task of
 * the page waited for a core meanwhile. A reader loads the page in a window already open, so the
 * page is measured without it; with these off the omnibox draws its popup natively.
 */
export const OMNIBOX_WEBUI_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'];

/**
 * The one `--disable-features` switch for a launch: the launcher's own list (`launcherDefaults`,
 * feature names) followed by the omnibox's web-page popups.
 */
export function disableFeatures(launcherDefaults) {
  return `--disable-features=${[...launcherDefaults, ...OMNIBOX_WEBUI_FEATURES].join(',')}`;
}

/** Switches for every Chromium the tests and benchmarks launch, whatever the launcher. */
export const CHROMIUM_SWITCHES = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The switches for a Chromium launched by Playwright. */
export const CHROMIUM_ARGS = [...CHROMIUM_SWITCHES, disableFeatures(PLAYWRIGHT_DISABLED_FEATURES)];

export function findBrowser() {
  const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  try {
    candidates.push(chromium.executablePath());
  } catch {
    // Playwright has no browser of its own installed.
  }
  return candidates.find((path) => path && existsSync(path)) ?? null;
}

// Stops the test run with one clear line when there is no browser to run the end-to-end tests in.
import { findBrowser } from './browser.mjs';

const path = findBrowser();
if (!path) {
  console.error(
    'No Chromium found for the end-to-end tests: install one (Debian: apt-get install chromium; elsewhere: npx playwright install chromium) or set CHROME_PATH.',
  );
  process.exit(1);
}
console.log(`End-to-end tests use ${path}`);

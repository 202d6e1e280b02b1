// Lighthouse (mobile, its default): performance and accessibility scores of the built app.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_ARGS } from '../../scripts/browser.mjs';
import { summarize } from '../lib/stats.mjs';

export async function measureLighthouse({ executablePath, appUrl, runs }) {
  const performance = [];
  const accessibility = [];
  const metrics = [];
  for (let i = 0; i < runs; i++) {
    const chrome = await chromeLauncher.launch({
      chromePath: executablePath,
      chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
    });
    try {
      const result = await lighthouse(appUrl, {
        port: chrome.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
      });
      const { categories, audits } = result.lhr;
      performance.push(Math.round(categories.performance.score * 100));
      accessibility.push(Math.round(categories.accessibility.score * 100));
      metrics.push({
        fcp: audits['first-contentful-paint'].numericValue,
        lcp: audits['largest-contentful-paint'].numericValue,
        tbt: audits['total-blocking-time'].numericValue,
        cls: audits['cumulative-layout-shift'].numericValue,
        failing: Object.values(audits)
          .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === 'binary')
          .map((a) => a.id),
      });
    } finally {
      await chrome.kill();
    }
  }
  return {
    performance: summarize(performance),
    accessibility: summarize(accessibility),
    fcp: summarize(metrics.map((m) => m.fcp)),
    lcp: summarize(metrics.map((m) => m.lcp)),
    tbt: summarize(metrics.map((m) => m.tbt)),
    cls: summarize(metrics.map((m) => m.cls)),
    failingAudits: [...new Set(metrics.flatMap((m) => m.failing))],
  };
}

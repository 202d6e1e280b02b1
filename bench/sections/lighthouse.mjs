// Lighthouse (mobile, its default): performance and accessibility scores of the built app.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_SWITCHES, disableFeatures } from '../../scripts/browser.mjs';
import { summarize } from '../lib/stats.mjs';

const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
];

function weightOf(lhr, id) {
  return lhr.categories.performance.auditRefs.find((ref) => ref.id === id)?.weight ?? 0;
}

/** chrome-launcher's own disabled features, kept: Chromium honours only the last such switch. */
const LAUNCHER_DISABLED_FEATURES =
  chromeLauncher.Launcher.defaultFlags()
    .find((flag) => flag.startsWith('--disable-features='))
    ?.slice('--disable-features='.length)
    .split(',') ?? [];

export async function measureLighthouse({ executablePath, appUrl, runs }) {
  const performance = [];
  const accessibility = [];
  const metrics = [];
  let longTasks = [];
  for (let i = 0; i < runs; i++) {
    const chrome = await chromeLauncher.launch({
      chromePath: executablePath,
      chromeFlags: [
        '--headless=new',
        ...CHROMIUM_SWITCHES,
        disableFeatures(LAUNCHER_DISABLED_FEATURES),
      ],
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
      longTasks = (audits['long-tasks']?.details?.items ?? []).slice(0, 5).map((task) => ({
        url: String(task.url)
          .replace(/^.*\//, '')
          .replace(/-[\w-]{8}(\.\w+)$/, '$1'),
        duration: task.duration,
      }));
      metrics.push({
        // Each metric's own score (0…1): the performance score is their weighted sum, so the
        // lowest ones say where the missing points went.
        scores: Object.fromEntries(
          METRICS.map((id) => [id, { score: audits[id].score, weight: weightOf(result.lhr, id) }]),
        ),
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
    metricScores: Object.fromEntries(
      METRICS.map((id) => [
        id,
        {
          score: summarize(metrics.map((m) => m.scores[id].score)),
          weight: metrics[0]?.scores[id].weight ?? 0,
        },
      ]),
    ),
    failingAudits: [...new Set(metrics.flatMap((m) => m.failing))],
    longTasks,
  };
}

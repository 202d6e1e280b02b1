// `npm test`: every suite, stopping at the first failure, then one closing line that totals them
// ("N passed, M failed"), read from the runners' own JSON reports.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const reports = 'test-results/reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const [types, workerTypes, lint, vitest, tk, python, e2e, cross] = [
  {
    name: 'types (svelte-check)',
    command: 'npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings',
  },
  {
    // Worker code against the WebWorker library (tsconfig.worker.json), not the DOM.
    name: 'worker types (tsc, WebWorker)',
    command: 'npx tsc -p tsconfig.worker.json',
  },
  { name: 'lint (ESLint, Prettier)', command: 'npx eslint . && npx prettier --check .' },
  {
    name: 'unit and component tests (Vitest)',
    command: `npx vitest run --reporter=default --reporter=json --outputFile.json=${reports}/vitest.json`,
    count: () => {
      const report = readJson(`${reports}/vitest.json`);
      return report && { passed: report.numPassedTests, failed: report.numFailedTests };
    },
  },
  {
    // Real Tkinter under Xvfb: a short recording pass whose figures must match the physics.
    name: 'Tk recordings, quick pass (Python, Tkinter, Xvfb)',
    command: 'node scripts/record-tk.mjs --quick',
    capture: true,
    count: (output) => {
      const match = /^tk-recording: (\d+) passed, (\d+) failed$/m.exec(output);
      return match && { passed: Number(match[1]), failed: Number(match[2]) };
    },
  },
  {
    // Every Python file the page offers, linted, then run unchanged under Xvfb as its header says.
    name: 'offered Python files (lint, run as shown under Xvfb)',
    command: 'node scripts/run-offered-python.mjs',
    capture: true,
    count: (output) => {
      const match = /^offered-python: (\d+) passed, (\d+) failed$/m.exec(output);
      return match && { passed: Number(match[1]), failed: Number(match[2]) };
    },
  },
  {
    name: 'end-to-end tests (Playwright, Chromium)',
    command: 'node scripts/find-browser.mjs && npx playwright test',
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/playwright.json` },
    count: () => {
      const stats = readJson(`${reports}/playwright.json`)?.stats;
      return stats && { passed: stats.expected + stats.flaky, failed: stats.unexpected };
    },
  },
  {
    // The same tests in Chromium, Firefox ESR and WebKitGTK, at once, on the build the end-to-end
    // stage just made. A missing browser is skipped with one line saying what to install, or
    // fails the run under CI=true.
    name: 'cross-browser tests (Chromium, Firefox ESR, WebKitGTK)',
    command: `npx vitest run -c vitest.cross.config.ts --reporter=default --reporter=json --outputFile.json=${reports}/cross.json`,
    env: { CROSS_DIST: process.env.E2E_DIST ?? 'dist' },
    count: () => {
      const report = readJson(`${reports}/cross.json`);
      return report && { passed: report.numPassedTests, failed: report.numFailedTests };
    },
  },
];

/**
 * The order the suites run in. A group of lanes runs its lanes side by side, each lane's suites in
 * turn: the Tk recordings and the offered Python spend most of a minute waiting on real Tk under
 * Xvfb (12 s of CPU in 59 s), so the single-threaded type checks and lint run beside them, not
 * the suites that keep both cores busy (Vitest, the browsers), which would skew Tk's timings.
 */
const plan = [
  [
    [types, workerTypes, lint],
    [tk, python],
  ],
  vitest,
  e2e,
  cross,
];

/** Each engine's counts and wall time in the cross-browser suite, from Vitest's JSON report. */
function printEngines(report) {
  if (!report) return;
  console.log('\nCross-browser suite by engine:');
  for (const file of report.testResults ?? []) {
    const engine = /tests\/cross\/([\w-]+)\.cross\.ts$/.exec(file.name)?.[1] ?? file.name;
    const count = (status) => file.assertionResults.filter((t) => t.status === status).length;
    const seconds = ((file.endTime - file.startTime) / 1000).toFixed(0);
    console.log(
      `  ${engine.padEnd(9)} ${count('passed')} passed, ${count('failed')} failed, ${count('skipped') + count('pending')} skipped (${seconds} s)`,
    );
  }
}

/** The end-to-end spec files that took longest, from Playwright's JSON report (all attempts). */
function printSlowest(report) {
  if (!report) return;
  const perFile = new Map();
  const visit = (suite) => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests ?? [])
        for (const result of test.results ?? [])
          perFile.set(spec.file, (perFile.get(spec.file) ?? 0) + (result.duration ?? 0));
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites ?? []) visit(suite);
  const slowest = [...perFile].sort((a, b) => b[1] - a[1]).slice(0, 5);
  if (slowest.length === 0) return;
  console.log('\nSlowest end-to-end files:');
  for (const [file, ms] of slowest)
    console.log(`  ${(ms / 1000).toFixed(1).padStart(6)} s  ${file}`);
}

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : null;
}

/**
 * Runs one suite; resolves with its exit status and its stdout. `buffered`: its output (stdout and
 * stderr, in order of arrival) is kept and shown whole when it ends, so that suites running side
 * by side do not interleave their lines; otherwise it goes straight to the terminal.
 */
function runStage(stage, buffered) {
  return new Promise((resolve) => {
    const started = Date.now();
    const header = `\n▶ ${stage.name}`;
    if (!buffered) console.log(header);
    const child = spawn(stage.command, {
      shell: true,
      stdio: [
        'inherit',
        stage.capture || buffered ? 'pipe' : 'inherit',
        buffered ? 'pipe' : 'inherit',
      ],
      env: { ...process.env, ...stage.env },
    });
    // Text, not bytes: a chunk can end inside a character ("…", "✓").
    child.stdout?.setEncoding('utf8');
    child.stderr?.setEncoding('utf8');
    let stdout = '';
    let shown = '';
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
      if (buffered) shown += chunk;
      else process.stdout.write(chunk);
    });
    child.stderr?.on('data', (chunk) => (shown += chunk));
    child.on('close', (code, signal) => {
      if (buffered) process.stdout.write(`${header}\n${shown}`);
      console.log(`(${stage.name}: ${((Date.now() - started) / 1000).toFixed(0)} s)`);
      resolve({ status: code ?? (signal ? 1 : 0), stdout });
    });
  });
}

let passed = 0;
let failed = 0;
let failedStage = null;

/** Runs one suite and counts it; resolves false if it failed. */
async function run(stage, buffered = false) {
  const result = await runStage(stage, buffered);
  const counted = stage.count?.(result.stdout) ?? {
    passed: result.status === 0 ? 1 : 0,
    failed: result.status === 0 ? 0 : 1,
  };
  passed += counted.passed;
  failed += counted.failed;
  // A runner that reports failures fails its stage, whatever its exit status.
  if (result.status !== 0 || counted.failed > 0) {
    failedStage ??= stage.name;
    if (counted.failed === 0) failed += 1;
    return false;
  }
  return true;
}

for (const step of plan) {
  if (Array.isArray(step)) {
    console.log(
      `\n▶ side by side: ${step.map((lane) => lane.map((s) => s.name).join(', then ')).join('; and ')}`,
    );
    // Each lane stops at its own first failure; the run stops after the group if any lane failed.
    await Promise.all(
      step.map(async (lane) => {
        for (const stage of lane) if (!(await run(stage, true))) return;
      }),
    );
  } else await run(step);
  if (failedStage) break;
}

// The runners' summaries, last, above the closing line.
printSlowest(readJson(`${reports}/playwright.json`));
printEngines(readJson(`${reports}/cross.json`));
console.log(failedStage ? `\n✘ stopped at: ${failedStage}` : '\n✔ every suite passed');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedStage ? 1 : 0);

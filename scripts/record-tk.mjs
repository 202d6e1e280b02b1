#!/usr/bin/env node
/**
 * Records how real Tkinter behaves with each asyncio strategy, under Xvfb, with the recorder
 * readers download (two_loops_record.py, built by scripts/recorder-bundle.mjs from python/), and
 * writes the traces the app shows beside its browser runs.
 *
 *   node scripts/record-tk.mjs          every scenario; rewrites src/tk-traces/*.json
 *   node scripts/record-tk.mjs --quick  a subset (under a minute) written to a temporary folder,
 *                                       then checked against the physics (TOLERANCES below)
 *   --out DIR                           write the traces to DIR instead
 *   --only TRACE[,TRACE]                record (and rewrite) only these traces
 *
 * Which runs exist, their options and timeouts, and how each process is watched are the
 * recorder's (python/harness/record.py); this script gives it one X server, splits the one file it
 * writes into one trace file per trace, and checks the figures against the physics. The whole
 * recording is also kept as .tmp/reader-recording.json: the end-to-end test drops it on the
 * page as a reader would. Needs python3 with tkinter, xvfb-run and libXtst (the recorder clicks
 * through the X server's XTEST extension).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildRecorder, RECORDER_FILE } from './recorder-bundle.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PYTHON = process.env.PYTHON || 'python3';
const COMMITTED = path.join(ROOT, 'src', 'tk-traces');
/** The whole recording, as a reader's file: tests/e2e/reader-recording.spec.ts loads it. */
const READER_RECORDING = path.join(ROOT, '.tmp', 'reader-recording.json');
const INNER = 'TK_RECORD_UNDER_XVFB';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const outIndex = argv.indexOf('--out');
const outArg = outIndex >= 0 ? argv[outIndex + 1] : undefined;
const onlyIndex = argv.indexOf('--only');
const only = onlyIndex >= 0 ? argv[onlyIndex + 1] : undefined;

/** What each recording must show. Documented here and in src/tk-traces/trace-types.ts. */
const TOLERANCES = {
  /** A blocking run stalls the Tk thread for the task's duration D, within ±10 %. */
  blockingStall: 0.1,
  /** Polling every P ms delivers a result after P/2 on average: median within [0.3P, 0.7P]. */
  pollMedian: [0.3, 0.7],
  /** Event-driven delivery (after(0) or event_generate from the loop thread): median under 5 ms. */
  eventMedianMs: 5,
};

/** The blocking call of each freeze-finder mistake (FREEZE_FINDER_BLOCKING_CALL in trace-checks.ts). */
const FREEZE_FINDER_CALLS = {
  'blocking-call': 'time.sleep(1)',
  'wait-on-future': 'future.result()',
};

function fail(message) {
  console.error(message);
  process.exit(1);
}

function has(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return !result.error && result.status === 0;
}

/** Says in one line which Debian packages are missing, and stops. */
function preflight() {
  const missing = [];
  if (!has(PYTHON, ['-c', 'import sys'])) missing.push('python3');
  else {
    if (!has(PYTHON, ['-c', 'import tkinter'])) missing.push('python3-tk');
    const xtst = 'import ctypes.util, sys; sys.exit(0 if ctypes.util.find_library("Xtst") else 1)';
    if (!has(PYTHON, ['-c', xtst])) missing.push('libxtst6');
  }
  if (!has('sh', ['-c', 'command -v xvfb-run'])) missing.push('xvfb');
  if (!has('sh', ['-c', 'command -v xauth'])) missing.push('xauth'); // xvfb-run needs it
  if (missing.length > 0) fail(`install Debian packages: ${missing.join(' ')}`);
}

/** JSON with one line per array of plain values: compact, and still diffable. */
function format(value, indent = '') {
  const flat = (v) => v === null || typeof v !== 'object' || (Array.isArray(v) && v.every(flat));
  if (Array.isArray(value)) {
    if (value.every(flat)) return JSON.stringify(value);
    const inner = indent + '  ';
    return `[\n${value.map((v) => inner + format(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const inner = indent + '  ';
    const entries = Object.entries(value).map(
      ([k, v]) => `${inner}${JSON.stringify(k)}: ${format(v, inner)}`,
    );
    return `{\n${entries.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function checkTraces(traces) {
  const results = [];
  const check = (ok, text) => results.push({ ok, text });
  const [low, high] = TOLERANCES.pollMedian;
  for (const run of traces.blocking?.runs ?? []) {
    const d = run.durationMs;
    const s = run.summary;
    const name = `blocking ${run.kind} D=${d} ms`;
    check(
      s.runs === run.clicksSentMs.length,
      `${name}: ${run.clicksSentMs.length} clicks ran the command ${s.runs} times`,
    );
    const tol = TOLERANCES.blockingStall;
    s.runMs.forEach((ms, i) =>
      check(
        Math.abs(ms - d) <= tol * d,
        `${name}: run ${i + 1} held the Tk thread ${ms} ms (D ±${tol * 100} %)`,
      ),
    );
    const merged = s.runs * d;
    check(
      Math.abs(s.mergedStallMs - merged) <= tol * merged,
      `${name}: heartbeat stopped for ${s.mergedStallMs} ms (${s.runs} × D ±${tol * 100} %)`,
    );
  }
  for (const run of traces.polling?.runs ?? []) {
    const p = run.pollMs;
    const s = run.summary;
    check(
      s.delivered === run.expected,
      `polling P=${p} ms: ${s.delivered} of ${run.expected} results delivered`,
    );
    check(
      s.latencyMs.p50 !== null && s.latencyMs.p50 >= low * p && s.latencyMs.p50 <= high * p,
      `polling P=${p} ms: delivery median ${s.latencyMs.p50} ms (within [${low}P, ${high}P])`,
    );
  }
  for (const run of traces.dedicated?.runs ?? []) {
    const s = run.summary;
    check(
      s.delivered === run.expected,
      `dedicated ${run.method}: ${s.delivered} of ${run.expected} results delivered`,
    );
    check(
      s.latencyMs.p50 !== null && s.latencyMs.p50 < TOLERANCES.eventMedianMs,
      `dedicated ${run.method}: delivery median ${s.latencyMs.p50} ms (under ${TOLERANCES.eventMedianMs} ms)`,
    );
  }
  for (const run of traces.shutdown?.runs ?? []) {
    const expected = run.variant === 'never-stopped' ? 'hang' : 'exited';
    check(
      run.summary.outcome === expected,
      `shutdown ${run.variant}: ${run.summary.outcome} (${run.summary.endedAfterCloseMs} ms after close; expected ${expected})`,
    );
  }
  for (const run of traces.deadlock?.runs ?? []) {
    check(
      run.summary.deadlocked,
      `deadlock: detected ${run.summary.detectedAfterPressMs} ms after Run`,
    );
  }
  for (const run of traces['thread-call']?.runs ?? []) {
    const expected = run.variant !== 'mainloop';
    check(
      run.summary.raised === expected,
      `thread call, ${run.variant}: ${run.outcome} after ${run.callMs} ms`,
    );
  }
  for (const run of traces['one-thread']?.runs ?? []) {
    const s = run.summary;
    const name = `one thread ${run.variant}${run.pollMs ? ` P=${run.pollMs} ms` : ''}`;
    if (run.variant === 'idle') {
      const expected = 1000 / run.pollMs;
      check(
        s.wakeupsPerS > 0.3 * expected && s.wakeupsPerS <= 1.1 * expected,
        `${name}: ${s.wakeupsPerS} wake-ups per second while idle (1000/P = ${expected}, within [0.3, 1.1]×)`,
      );
    }
    if (run.variant === 'mainloop-idle')
      check(s.cpuMsPerS < 5, `${name}: ${s.cpuMsPerS} ms CPU per second while idle (under 5)`);
    if (run.variant === 'clicks') {
      const [low, high] = TOLERANCES.pollMedian;
      check(
        s.latencyMs.p50 !== null &&
          s.latencyMs.p50 >= low * run.pollMs &&
          s.latencyMs.p50 <= high * run.pollMs + 5,
        `${name}: click median ${s.latencyMs.p50} ms (within [${low}P, ${high}P + 5 ms])`,
      );
    }
    if (run.variant === 'compute') {
      const d = run.durationMs;
      check(
        Math.abs(s.longestStallMs - d) <= TOLERANCES.blockingStall * d,
        `${name}: the computing coroutine stalled Tk ${s.longestStallMs} ms (D = ${d} ms ±10 %)`,
      );
    }
    if (run.variant === 'dialog') {
      check(
        s.asyncioLongestGapMs >= 0.9 * run.dialogMs && s.tkLongestGapMs < 0.5 * run.dialogMs,
        `${name}: through a ${run.dialogMs} ms dialog the asyncio ticker's longest gap was ${s.asyncioLongestGapMs} ms, Tk's after() ticker's ${s.tkLongestGapMs} ms`,
      );
    }
    if (run.variant === 'dedicated-dialog') {
      check(
        s.deliveryLongestGapMs < 0.5 * run.dialogMs,
        `${name}: through a ${run.dialogMs} ms dialog its longest gap between deliveries was ${s.deliveryLongestGapMs} ms`,
      );
    }
  }
  for (const run of traces.offered?.runs ?? []) {
    const s = run.summary;
    const name = `offered ${run.script}`;
    const [first, ...more] = run.expect.split(';').map((part) => part.trim());
    const expected = first.startsWith('raises')
      ? 'exited'
      : { 'exit-0': 'exited', aborts: 'aborted', hangs: 'hang' }[first];
    const raises = [first, ...more]
      .filter((part) => part.startsWith('raises '))
      .map((part) => part.slice(7));
    const printed = raises.every((error) =>
      s.printed.some((line) => line.startsWith(`${error}: `)),
    );
    check(
      s.outcome === expected && (first !== 'exit-0' || s.exitCode === 0) && printed,
      `${name}: ${s.outcome}${s.exitCode !== null ? ` (exit ${s.exitCode})` : ''}, printed ${s.printed.length} error line(s) (expect=${run.expect})`,
    );
    if (run.variant === 'blocking-call') {
      const frozen = run.form === 'mistake';
      check(
        frozen ? s.longestStallMs >= 900 : s.longestStallMs < 200,
        `${name}: longest Tk stall ${s.longestStallMs} ms (${frozen ? 'the 1 s call, on the Tk thread' : 'under 200 ms'})`,
      );
    }
    if (run.form === 'mistake' && ['after-close', 'widget-from-thread'].includes(run.variant)) {
      check(
        s.slowestTkCallFromThreadMs !== null && s.slowestTkCallFromThreadMs >= 900,
        `${name}: the Tk call from a worker gave up after ${s.slowestTkCallFromThreadMs} ms (about 1 s)`,
      );
    }
  }
  for (const run of traces['freeze-finder']?.runs ?? []) {
    const s = run.summary;
    const lines = readFileSync(path.join(ROOT, run.script), 'utf8').split('\n');
    const call = FREEZE_FINDER_CALLS[run.variant];
    const expected = lines.findIndex((l) => l.includes(call) && l.includes('# MISTAKE')) + 1;
    check(
      expected > 0 &&
        s.named?.file === run.script &&
        s.named.line === expected &&
        s.named.text === lines[expected - 1].trim(),
      `freeze finder on ${run.script}: printed ${s.printedAfterClickMs} ms after the click, naming line ${s.named?.line ?? 'none'} (the blocking call ${call} is line ${expected})`,
    );
    check(
      s.printedAfterClickMs !== null &&
        s.printedAfterClickMs < s.freezeMs &&
        s.freezeEnded === (run.variant === 'blocking-call') &&
        s.freezeEnded === (s.reportedFreezeMs !== null),
      `freeze finder on ${run.script}: printed while frozen (${s.freezeMs} ms by the heartbeat${s.freezeEnded ? `, ${s.reportedFreezeMs} ms by the tool` : ', never ended'})`,
    );
  }
  return results;
}

/** Runs the downloadable recorder, unchanged, under this X server; resolves to its exit code. */
function runRecorder(file, out) {
  const args = [file, '--out', out, '--display', 'Xvfb (xvfb-run -a)'];
  if (quick) args.push('--quick');
  if (only) args.push('--only', only);
  return new Promise((resolve) => {
    const child = spawn(PYTHON, args, { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function record() {
  const outDir = outArg
    ? path.resolve(outArg)
    : quick
      ? mkdtempSync(path.join(os.tmpdir(), 'tk-traces-'))
      : COMMITTED;
  const work = mkdtempSync(path.join(os.tmpdir(), 'tk-recorder-'));
  const started = Date.now();
  const recorder = path.join(work, RECORDER_FILE);
  writeFileSync(recorder, buildRecorder(ROOT));
  const out = path.join(work, 'recording.json');
  const code = await runRecorder(recorder, out);
  let recording;
  try {
    recording = JSON.parse(readFileSync(out, 'utf8'));
  } catch (error) {
    fail(`${RECORDER_FILE} wrote no recording (exit ${code}): ${String(error)}`);
  }
  rmSync(work, { recursive: true, force: true });
  const unmade = recording.scenarios.filter((s) => s.status !== 'recorded');
  if (code !== 0 || unmade.length > 0) {
    for (const s of unmade)
      console.error(`  ${s.scenario} ${JSON.stringify(s.options)}: ${s.status}, ${s.note}`);
    fail(`${unmade.length} run(s) were not recorded: nothing was written to ${outDir}`);
  }
  mkdirSync(path.dirname(READER_RECORDING), { recursive: true });
  writeFileSync(READER_RECORDING, JSON.stringify(recording));

  const traces = recording.traces;
  mkdirSync(outDir, { recursive: true });
  for (const [trace, data] of Object.entries(traces))
    writeFileSync(path.join(outDir, `${trace}.json`), format(data) + '\n');
  console.log(`traces written to ${outDir} in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const results = checkTraces(traces);
  for (const { ok, text } of results) console.log(`${ok ? 'ok  ' : 'FAIL'} ${text}`);
  const failed = results.filter((r) => !r.ok).length;
  if (failed > 0)
    console.error(
      `${failed} recording check(s) failed: real Tk did not behave as the app says it does.`,
    );
  console.log(`tk-recording: ${results.length - failed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

if (process.env[INNER]) {
  await record();
} else {
  preflight();
  // One X server for the whole recording; every run connects to it through DISPLAY.
  const child = spawn(
    'xvfb-run',
    [
      '-a',
      '-s',
      '-screen 0 1024x768x24 -nolisten tcp',
      process.execPath,
      fileURLToPath(import.meta.url),
      ...argv,
    ],
    { stdio: 'inherit', env: { ...process.env, [INNER]: '1' } },
  );
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

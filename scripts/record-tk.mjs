#!/usr/bin/env node
/**
 * Records how real Tkinter behaves with each asyncio strategy, under Xvfb, and writes the traces
 * the app shows beside its browser runs.
 *
 *   node scripts/record-tk.mjs          every scenario; rewrites src/tk-traces/*.json
 *   node scripts/record-tk.mjs --quick  a subset (under a minute) written to a temporary folder,
 *                                       then checked against the physics (TOLERANCES below)
 *   --out DIR                           write the traces to DIR instead
 *   --only TRACE[,TRACE]                record (and rewrite) only these traces
 *
 * Each run is one `python3 python/harness/run.py SCENARIO OPTIONS OUT` process with its own
 * timeout: a process that does not end in time is killed and recorded as a hang, which is how the
 * never-stopped loop thread is caught. No dependencies; needs python3 with tkinter, xvfb-run and
 * libXtst (the harness clicks through the X server's XTEST extension).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PYTHON = process.env.PYTHON || 'python3';
const RUN_PY = path.join(ROOT, 'python', 'harness', 'run.py');
const SUMMARIZE_PY = path.join(ROOT, 'python', 'harness', 'summarize.py');
const COMMITTED = path.join(ROOT, 'src', 'tk-traces');
const INNER = 'TK_RECORD_UNDER_XVFB';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const outIndex = argv.indexOf('--out');
const outArg = outIndex >= 0 ? argv[outIndex + 1] : undefined;
const onlyIndex = argv.indexOf('--only');
const only = onlyIndex >= 0 ? new Set(argv[onlyIndex + 1].split(',')) : null;

/** What each recording must show. Documented here and in src/tk-traces/trace-types.ts. */
const TOLERANCES = {
  /** A blocking run stalls the Tk thread for the task's duration D, within ±10 %. */
  blockingStall: 0.1,
  /** Polling every P ms delivers a result after P/2 on average: median within [0.3P, 0.7P]. */
  pollMedian: [0.3, 0.7],
  /** Event-driven delivery (after(0) or event_generate from the loop thread): median under 5 ms. */
  eventMedianMs: 5,
};

/** How each trace's input was produced. */
const INJECTION = {
  blocking: 'xtest',
  gil: 'xtest',
  polling: 'invoke',
  dedicated: 'invoke',
  shutdown: 'invoke',
  deadlock: 'invoke',
  'thread-call': 'none',
  mistakes: 'none',
  offered: 'invoke',
  'one-thread': 'xtest',
  'one-thread-guest': 'xtest',
};

/**
 * The offered files recorded as shown (python/scenarios/offered.py): each mistake beside its fix.
 * `steps` (optional) replaces the ones python/harness/drive.py lists for the file.
 */
const CLOSE_WHILE_RUNNING = [['press', 'Run'], ['wait', 300], ['close']];
const OFFERED = [
  ['close-while-running', 'mistake', 'python/mistakes/close_while_task_runs.py'],
  ['close-while-running', 'fix', 'python/fixes/close_while_task_runs.py'],
  [
    'close-while-running',
    'strategy',
    'python/strategies/queue_polling.py',
    { steps: CLOSE_WHILE_RUNNING, afterwards: 'threads-end' },
  ],
  [
    'close-while-running',
    'recommended',
    'python/recommended.py',
    { steps: [['press', 'Start'], ['wait', 300], ['close']], afterwards: 'threads-end' },
  ],
  ['blocking-call', 'mistake', 'python/mistakes/blocking_call_in_command.py'],
  ['blocking-call', 'fix', 'python/fixes/blocking_call_in_command.py'],
  ['loop-per-click', 'mistake', 'python/mistakes/loop_thread_per_click.py'],
  ['loop-per-click', 'fix', 'python/fixes/loop_thread_per_click.py'],
  ['client-first-loop', 'mistake', 'python/mistakes/client_bound_to_first_loop.py'],
  ['client-first-loop', 'fix', 'python/fixes/client_bound_to_first_loop.py'],
  ['after-close', 'mistake', 'python/mistakes/worker_after_close.py'],
  ['after-close', 'fix', 'python/fixes/worker_after_close.py'],
  ['widget-from-thread', 'mistake', 'python/mistakes/widget_from_thread.py'],
  ['widget-from-thread', 'fix', 'python/fixes/widget_from_thread.py'],
  [
    'recommended',
    'recommended',
    'python/recommended.py',
    { steps: [['press', 'Start'], ['until', '^done', 8000], ['close']] },
  ],
  [
    'recommended-cancel',
    'recommended',
    'python/recommended.py',
    {
      steps: [
        ['press', 'Start'],
        ['until', '^step 2/5', 4000],
        ['press', 'Cancel'],
        ['until', '^cancelled', 4000],
        ['close'],
      ],
    },
  ],
  [
    'recommended-error',
    'recommended',
    'python/recommended.py',
    {
      steps: [['press', 'Start'], ['until', '^failed', 8000], ['close']],
      raiseIn: 'crunch',
    },
  ],
];

/**
 * Every run. `quick`: false to skip it in --quick, true to run it as is, or options to override.
 * `hang`: the run is expected not to end by itself, so its timeout is short.
 */
const RUNS = [
  ...['wait', 'cpu'].flatMap((kind) =>
    [0.5, 1, 2].map((duration) => ({
      trace: 'blocking',
      scenario: 'blocking_stall',
      options: { kind, duration },
      quick: duration === 0.5,
      timeoutMs: 4 * duration * 1500 + 8000,
    })),
  ),
  ...[10, 50, 100, 250].map((poll) => ({
    trace: 'polling',
    scenario: 'polling_latency',
    options: { poll, count: 80, rate: 27, idle: 2 },
    quick: poll <= 100 ? { count: 60, idle: 1 } : false,
    timeoutMs: 20000,
  })),
  {
    trace: 'gil',
    scenario: 'gil_contention',
    options: { duration: 2, idle: 1, clicks: 8, poll: 50 },
    quick: false,
    timeoutMs: 20000,
  },
  {
    trace: 'gil',
    scenario: 'gil_contention',
    options: { duration: 2, idle: 1, clicks: 8, poll: 50, switchIntervalMs: 1 },
    quick: false,
    timeoutMs: 20000,
  },
  ...['after', 'event'].map((method) => ({
    trace: 'dedicated',
    scenario: 'dedicated_delivery',
    options: { method, count: 80, rate: 27, idle: 2 },
    quick: { count: 40, idle: 0.5 },
    timeoutMs: 25000,
  })),
  ...['never-stopped', 'daemon', 'stop-join'].map((variant) => ({
    trace: 'shutdown',
    scenario: 'shutdown',
    options: { variant },
    quick: variant !== 'daemon',
    // The window closes 1.2 s in; a process still alive 3.5 s later is hanging.
    timeoutMs: 5000,
  })),
  ...['mainloop', 'before-mainloop', 'update-loop', 'after-close'].map((variant) => ({
    trace: 'thread-call',
    scenario: 'thread_call',
    options: { variant },
    quick: false,
    timeoutMs: 10000,
  })),
  { trace: 'deadlock', scenario: 'deadlock', options: {}, quick: false, timeoutMs: 8000 },
  ...['asyncio-queue', 'before-mainloop'].map((variant) => ({
    trace: 'mistakes',
    scenario: 'mistakes',
    options: { variant },
    quick: false,
    timeoutMs: 10000,
  })),
  // One thread, asyncio drives Tk (python/strategies/one_thread.py), and the same dialog beside
  // the Dedicated strategy's class.
  ...[
    { variant: 'idle', idle: 2, quick: { idle: 1 } },
    { variant: 'idle', idle: 2, poll: 10, quick: false },
    { variant: 'idle', idle: 2, poll: 50, quick: false },
    { variant: 'mainloop-idle', idle: 2, quick: { idle: 1 } },
    ...[10, 20, 50].map((poll) => ({
      variant: 'clicks',
      poll,
      clicks: 40,
      spacing: 0.0731,
      quick: poll === 20 ? { clicks: 20 } : false,
    })),
    { variant: 'compute', duration: 0.5, quick: true },
    { variant: 'chunked', duration: 1, chunk: 0.05, clicks: 12, spacing: 0.0731, quick: false },
    { variant: 'dialog', dialog: 1200, quick: true },
    { variant: 'dedicated-dialog', dialog: 1200, quick: true },
  ].map(({ quick, ...options }) => ({
    trace: 'one-thread',
    scenario: 'one_thread',
    options,
    quick,
    timeoutMs: 20000,
  })),
  // One thread, guest mode: Tk keeps mainloop(), Trio is its guest (python/strategies/
  // one_thread_guest.py, needs Trio); every run records the interpreter and Trio version.
  ...[
    { variant: 'idle', idle: 2, quick: { idle: 1 } },
    { variant: 'clicks', clicks: 40, spacing: 0.0731, quick: false },
    { variant: 'sleeps', sleeps: 40, quick: false },
    { variant: 'chain', seconds: 1, quick: { seconds: 0.3 } },
    { variant: 'chain-trio-run', seconds: 1, quick: false },
    { variant: 'compute', duration: 0.5, quick: false },
    { variant: 'dialog', dialog: 1200, quick: true },
  ].map(({ quick, ...options }) => ({
    trace: 'one-thread-guest',
    scenario: 'one_thread_guest',
    options,
    quick,
    timeoutMs: 20000,
  })),
  ...OFFERED.map(([variant, form, script, extra]) => ({
    trace: 'offered',
    scenario: 'offered',
    options: { variant, form, script, ...extra },
    quick: false,
    timeoutMs: 15000,
  })),
];

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
    // Guest mode's recording runs Trio; Debian's python3-trio gives it to /usr/bin/python3.
    if (!has(PYTHON, ['-c', 'import trio'])) missing.push('python3-trio');
    const xtst = 'import ctypes.util, sys; sys.exit(0 if ctypes.util.find_library("Xtst") else 1)';
    if (!has(PYTHON, ['-c', xtst])) missing.push('libxtst6');
  }
  if (!has('sh', ['-c', 'command -v xvfb-run'])) missing.push('xvfb');
  if (!has('sh', ['-c', 'command -v xauth'])) missing.push('xauth'); // xvfb-run needs it
  if (missing.length > 0) fail(`install Debian packages: ${missing.join(' ')}`);
}

function python(args, input) {
  const result = spawnSync(PYTHON, args, {
    cwd: ROOT,
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  if (result.status !== 0) fail(`${PYTHON} ${args.join(' ')} failed:\n${result.stderr}`);
  return result.stdout;
}

function osName() {
  try {
    const release = readFileSync('/etc/os-release', 'utf8');
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(release);
    if (pretty?.[1]) return `${pretty[1]}, ${os.type()} ${os.release()}`;
  } catch {
    // not Linux with os-release: fall through
  }
  return `${os.type()} ${os.release()}`;
}

function round1(x) {
  return Math.floor(x * 10 + 0.5) / 10;
}

/** Trims what a run printed to what a reader needs: repo-relative paths, no object addresses. */
function scrub(text, stdlib) {
  const cleaned = text
    .split(`${ROOT}/`)
    .join('')
    .split(stdlib)
    .join('<stdlib>')
    .replace(/0x[0-9a-fA-F]+/g, '0x…')
    .trimEnd();
  return cleaned.length > 2000 ? `${cleaned.slice(0, 2000)}…` : cleaned;
}

function runOne(spec, options, out, stdlib) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(PYTHON, [RUN_PY, spec.scenario, JSON.stringify(options), out], {
      cwd: ROOT,
      detached: true, // its own process group, so a hang is killed with its helpers
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stdout.on('data', () => {});
    child.stderr.on('data', (chunk) => (stderr += chunk));
    let endedNs = 0n;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      endedNs = process.hrtime.bigint();
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, spec.timeoutMs);
    child.on('exit', () => {
      if (!timedOut) endedNs = process.hrtime.bigint();
      clearTimeout(timer);
    });
    child.on('close', (code, signal) => {
      let record = null;
      if (existsSync(out)) record = JSON.parse(readFileSync(out, 'utf8'));
      if (record) {
        // process.hrtime and Python's perf_counter are both CLOCK_MONOTONIC: place the end of
        // the process on the run's own time line.
        const endedMs = round1((Number(endedNs) / 1e9 - record.clockOrigin) * 1000);
        delete record.clockOrigin;
        record.process = {
          timedOut,
          timeoutMs: spec.timeoutMs,
          exitCode: timedOut ? null : code,
          signal: timedOut ? 'SIGKILL' : signal,
          endedMs,
          stderr: scrub(stderr, stdlib),
        };
      }
      resolve({ record, stderr, seconds: (Date.now() - started) / 1000, timedOut, code });
    });
  });
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
  return results;
}

async function record() {
  const outDir = outArg
    ? path.resolve(outArg)
    : quick
      ? mkdtempSync(path.join(os.tmpdir(), 'tk-traces-'))
      : COMMITTED;
  const work = mkdtempSync(path.join(os.tmpdir(), 'tk-runs-'));
  const started = Date.now();
  const envFile = path.join(work, 'env.json');
  python([RUN_PY, 'env', '{}', envFile]);
  const env = JSON.parse(readFileSync(envFile, 'utf8'));
  const { stdlib, ...pythonFacts } = env;
  const cpus = os.cpus();
  const recordedAt = new Date().toISOString();

  const runs = RUNS.filter(
    (spec) => (!quick || spec.quick !== false) && (!only || only.has(spec.trace)),
  );
  /** Output file -> { trace, runs }: one file per trace, `${trace}.json`. */
  const byFile = {};
  let broken = 0;
  for (const [i, spec] of runs.entries()) {
    const options = {
      ...spec.options,
      ...(quick && typeof spec.quick === 'object' ? spec.quick : {}),
    };
    const out = path.join(work, `${i}.json`);
    const result = await runOne(spec, options, out, stdlib);
    const label = `${spec.scenario} ${JSON.stringify(options)}`;
    const how = result.timedOut ? 'killed after timeout' : `exit ${result.code}`;
    console.log(`  ${label}: ${result.seconds.toFixed(1)} s, ${how}`);
    if (!result.record) {
      broken += 1;
      console.error(`    no record written; it printed:\n${result.stderr}`);
      continue;
    }
    const file = `${spec.trace}.json`;
    (byFile[file] ??= { trace: spec.trace, runs: [] }).runs.push(result.record);
  }
  rmSync(work, { recursive: true, force: true });
  if (broken > 0) fail(`${broken} run(s) wrote no record: nothing was written to ${outDir}`);

  const traces = {};
  mkdirSync(outDir, { recursive: true });
  for (const [file, { trace, runs: traceRuns }] of Object.entries(byFile)) {
    const raw = {
      schema: 1,
      trace,
      meta: {
        recordedAt,
        quick,
        ...pythonFacts,
        machine: {
          os: osName(),
          cpu: cpus[0]?.model.trim() ?? 'unknown',
          cores: cpus.length,
          arch: os.arch(),
        },
        display: 'Xvfb (xvfb-run -a)',
        injection: INJECTION[trace],
        recorder: 'scripts/record-tk.mjs',
      },
      runs: traceRuns,
    };
    const summarized = JSON.parse(python([SUMMARIZE_PY], JSON.stringify(raw)));
    const target = path.join(outDir, file);
    writeFileSync(target, format(summarized) + '\n');
    traces[trace] = summarized;
  }
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

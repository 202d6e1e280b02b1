#!/usr/bin/env node
/**
 * Runs every Python file the page offers exactly as a reader would, and checks it does what its
 * header says.
 *
 *   node scripts/run-offered-python.mjs [FILE.py ...]
 *
 * First the static checks of python/harness/lint.py (licence line, header, Python 3.9 syntax,
 * standard library only, pyflakes). Then each offered file runs as `python3 FILE.py`, unchanged,
 * under one Xvfb server, with its own timeout. Something has to press its buttons and close its
 * window: PYTHONPATH points at python/harness/autodrive, whose sitecustomize.py plays the steps
 * listed for that file in python/harness/drive.py (TWO_LOOPS_DRIVE names the file).
 *
 * The header on the file's second line, `# two-loops: expect=...`:
 *   exit-0        ends by itself with status 0 and prints no traceback;
 *   raises Name   ends by itself, and what it printed includes a `Name: ...` line;
 *   hangs         is still running at its timeout (then killed);
 *   aborts        ends on SIGABRT;
 *   "; raises Name" after any of them: that line must be printed too.
 * The last line is `offered-python: N passed, M failed`; the exit status is 1 if any failed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PYTHON = process.env.PYTHON || 'python3';
const INNER = 'TWO_LOOPS_OFFERED_UNDER_XVFB';
const CONCURRENCY = 3;
/** A file expected to hang is killed after this long; any other gets the longer limit. */
const HANG_TIMEOUT_MS = 6000;
const TIMEOUT_MS = 20000;

function offeredFiles() {
  const inFolder = (folder) =>
    readdirSync(path.join(ROOT, 'python', folder))
      .filter((f) => f.endsWith('.py'))
      .sort()
      .map((f) => `python/${folder}/${f}`);
  return [
    'python/recommended.py',
    ...['strategies', 'mistakes', 'fixes', 'tools'].flatMap(inFolder),
  ];
}

/** `# two-loops: expect=aborts; raises RuntimeError` -> { outcome: 'aborts', raises: ['RuntimeError'] } */
function parseHeader(source) {
  const line = source.split('\n')[1] ?? '';
  const match = /^# two-loops: expect=(.*)$/.exec(line);
  if (!match) return null;
  const [first, ...rest] = match[1].split(';').map((part) => part.trim());
  const raises = rest.map((part) => /^raises (\w+)$/.exec(part)?.[1]);
  if (raises.some((name) => !name)) return null;
  const raisesFirst = /^raises (\w+)$/.exec(first);
  if (raisesFirst) return { outcome: 'raises', raises: [raisesFirst[1], ...raises] };
  if (!['exit-0', 'hangs', 'aborts'].includes(first)) return null;
  return { outcome: first, raises };
}

function runFile(file, expect) {
  const timeoutMs = expect.outcome === 'hangs' ? HANG_TIMEOUT_MS : TIMEOUT_MS;
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(PYTHON, [file], {
      cwd: ROOT,
      detached: true, // its own process group: a hang is killed with its helpers
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        PYTHONPATH: path.join(ROOT, 'python', 'harness', 'autodrive'),
        TWO_LOOPS_DRIVE: file,
        PYTHONUNBUFFERED: '1',
      },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, output, seconds: (Date.now() - started) / 1000 });
    });
  });
}

function judge(expect, run) {
  const problems = [];
  const printed = (name) => new RegExp(`^(\\w+\\.)*${name}(:|$)`, 'm').test(run.output);
  if (/^two-loops drive: gave up/m.test(run.output))
    problems.push('the window never showed what the drive waited for');
  const ended = run.timedOut
    ? 'still running at its timeout'
    : run.signal
      ? `ended on ${run.signal}`
      : `exited ${run.code}`;
  if (expect.outcome === 'exit-0') {
    if (run.timedOut || run.signal || run.code !== 0) problems.push(`${ended}, expected exit 0`);
    if (/^Traceback /m.test(run.output)) problems.push('printed a traceback');
  } else if (expect.outcome === 'raises') {
    if (run.timedOut || run.signal) problems.push(`${ended}, expected it to end by itself`);
  } else if (expect.outcome === 'hangs') {
    if (!run.timedOut) problems.push(`${ended}, expected it to hang`);
  } else if (expect.outcome === 'aborts') {
    if (run.signal !== 'SIGABRT') problems.push(`${ended}, expected SIGABRT`);
  }
  for (const name of expect.raises) if (!printed(name)) problems.push(`printed no ${name}`);
  return { ended, problems };
}

async function main() {
  let passed = 0;
  let failed = 0;
  const started = Date.now();

  // Static checks, one line each.
  const lint = spawnSync(PYTHON, [path.join(ROOT, 'python', 'harness', 'lint.py')], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  process.stdout.write(lint.stdout ?? '');
  process.stderr.write(lint.stderr ?? '');
  passed += (lint.stdout.match(/^ok {2}/gm) ?? []).length;
  failed += (lint.stdout.match(/^FAIL /gm) ?? []).length;
  if (lint.status !== 0 && !/^FAIL /m.test(lint.stdout)) failed += 1;

  const wanted = process.argv.slice(2);
  const files = wanted.length > 0 ? wanted : offeredFiles();
  const queue = files.map((file) => ({
    file,
    expect: parseHeader(readFileSync(path.join(ROOT, file), 'utf8')),
  }));
  const results = [];
  async function worker() {
    for (let item = queue.shift(); item; item = queue.shift()) {
      if (!item.expect) {
        results.push({
          file: item.file,
          ok: false,
          text: `${item.file}: no valid two-loops header`,
        });
        continue;
      }
      const run = await runFile(item.file, item.expect);
      const { ended, problems } = judge(item.expect, run);
      const [firstRaise, ...moreRaises] = item.expect.raises;
      const header =
        item.expect.outcome === 'raises'
          ? [`raises ${firstRaise}`, ...moreRaises.map((n) => `raises ${n}`)].join('; ')
          : [item.expect.outcome, ...item.expect.raises.map((n) => `raises ${n}`)].join('; ');
      const text = `${item.file}: expect=${header}; ${ended} after ${run.seconds.toFixed(1)} s`;
      results.push({
        file: item.file,
        ok: problems.length === 0,
        text: problems.length ? `${text}: ${problems.join('; ')}` : text,
        output: run.output,
      });
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  results.sort((a, b) => files.indexOf(a.file) - files.indexOf(b.file));
  for (const result of results) {
    console.log(`${result.ok ? 'ok  ' : 'FAIL'} ${result.text}`);
    if (!result.ok && result.output) console.log(result.output.replace(/^/gm, '    │ ').trimEnd());
    if (result.ok) passed += 1;
    else failed += 1;
  }
  console.log(`offered files ran in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`offered-python: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

if (process.env[INNER]) {
  await main();
} else {
  const xvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' });
  if (xvfb.status !== 0) {
    console.error('install Debian packages: xvfb xauth');
    console.log('offered-python: 0 passed, 1 failed');
    process.exit(1);
  }
  const child = spawn(
    'xvfb-run',
    [
      '-a',
      '-s',
      '-screen 0 1024x768x24 -nolisten tcp',
      process.execPath,
      fileURLToPath(import.meta.url),
      ...process.argv.slice(2),
    ],
    { stdio: 'inherit', env: { ...process.env, [INNER]: '1' } },
  );
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

// Writes the benchmark results as BENCHMARKS.md (a table per section) and bench/results.json.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const num = (v, digits) => (Number.isFinite(v) ? v.toFixed(digits) : '—');
const ms =
  (digits = 3) =>
  (v) =>
    Number.isFinite(v) ? `${num(v, digits)} ms` : '—';
const us = (v) => (Number.isFinite(v) ? `${num(v * 1000, 1)} µs` : '—');
const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
const count = (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');
const range = (s, fmt) => (s ? `${fmt(s.median)} (${fmt(s.min)} – ${fmt(s.max)})` : '—');
const verdict = (ok) => (ok ? 'met' : '**not met**');

function instrumentSection({ instrument }) {
  if (!instrument) return [];
  const cost = instrument.appScriptPerFrame.median;
  return [
    '## 1. Instrument cost on an idle page',
    '',
    'Main-thread time per frame from a 5 s DevTools trace of the idle page (every panel shown), beside the floor: a page whose only work is an empty `requestAnimationFrame` loop. Script time is the JavaScript the page runs (frame callbacks, timers, message handlers); busy time is every main-thread task, rendering included. Tracing itself inflates both; the floor shows by how much. The second floor adds one dial turned by a CSS animation, as the page’s compositor dial is (the design asks for it: it keeps turning through a stall): a running CSS animation costs the main thread a style update and a pre-paint in every frame, so the page cannot go below that floor while its dial is on screen. Thread time is what the same tasks cost the thread itself, which does not grow while another process holds the core; the last row pauses the compositor dial, to show what the page costs beside what the design’s dial costs.',
    '',
    '| figure | Two Loops | floor | goal |',
    '| --- | --- | --- | --- |',
    `| script time per frame | ${range(instrument.appScriptPerFrame, ms())} | ${range(instrument.floorScriptPerFrame, ms())} | < 0.3 ms: ${verdict(cost < 0.3)} |`,
    `| script time per frame above the floor | ${ms()(cost - instrument.floorScriptPerFrame.median)} | | |`,
    `| main-thread busy time per frame | ${range(instrument.appBusyPerFrame, ms())} | ${range(instrument.floorBusyPerFrame, ms())} | ≤ 1 ms: ${verdict(instrument.appBusyPerFrame.median <= 1)} |`,
    `| main-thread busy time per frame, the floor with one CSS-animated dial | | ${range(instrument.floorDialBusyPerFrame, ms())} | |`,
    ...(instrument.appCpuPerFrame
      ? [
          `| main-thread thread time per frame | ${range(instrument.appCpuPerFrame, ms())} | ${range(instrument.floorCpuPerFrame, ms())} | |`,
          `| main-thread thread time per frame, the floor with one CSS-animated dial | | ${range(instrument.floorDialCpuPerFrame, ms())} | |`,
          `| Two Loops with its compositor dial paused (the benchmark pauses it; the page never does): busy time, thread time per frame | ${range(instrument.appDialPausedBusyPerFrame, ms())}, ${range(instrument.appDialPausedCpuPerFrame, ms())} | | |`,
        ]
      : []),
    `| idle p95 frame interval | ${range(instrument.idleP95, ms(1))} | | the display's interval |`,
    `| display refresh interval (median frame) | ${range(instrument.refreshInterval, ms(1))} | | |`,
    '',
  ];
}

function stallsSection({ stalls }) {
  if (!stalls) return [];
  return [
    '## 2. Stall accuracy',
    '',
    "The page's reported stall against the longest main-thread task in a DevTools trace of the same run (a `cpu` task of the given length in the Blocking panel).",
    '',
    '| block | page shows | trace shows | error |',
    '| --- | --- | --- | --- |',
    ...Object.entries(stalls.accuracy).map(
      ([d, a]) =>
        `| ${d} ms | ${range(a.shown, ms(0))} | ${range(a.traced, ms(1))} | ${range(a.error, ms(1))} |`,
    ),
    '',
    `Worst error over every run: ${ms(1)(stalls.worstError)} (goal ≤ 10 ms: ${verdict(stalls.worstError <= 10)}).`,
    '',
    '## 3. Live drawing',
    '',
    `Frames the monitor worker committed (\`OffscreenCanvasRenderingContext2D::FinalizeFrame\` on its thread in the trace) per second of a 1 s main-thread stall: ${range(stalls.liveDrawingFps, (v) => num(v, 1))} per second, against a display rate of about 60 (goal ≥ 55: ${verdict(stalls.liveDrawingFps.median >= 55)}).`,
    '',
  ];
}

function messagingSection({ messaging }) {
  if (!messaging) return [];
  const r = messaging.results;
  const ratio = (s) => `${num(s.median, 2)}× (${num(s.min, 2)} – ${num(s.max, 2)})`;
  const rows = Object.entries(r).map(
    ([name, m]) =>
      `| ${name} | ${range(m.mean, us)} | ${range(m.p50, us)} | ${range(m.p99, us)} | ${range(m.perSecond, count)} | ${ratio(m.perSecondVsRaw)} | ${ratio(m.meanVsRaw)} |`,
  );
  const lines = [
    '## 4. Worker messaging',
    '',
    `Round trips page → worker → page, timed in batches of 20 (the clock is coarse), ${count(messaging.trips)} trips per contender per run; pipelined: ${count(messaging.pipelined)} requests sent at once. Each run measures every contender with their batches interleaved, and the ratios are taken within a run, then summarised (median, min – max). "raw" is a bare \`postMessage\` echo of \`{ id }\` (the floor); "raw, same messages" is the same echo carrying the Dedicated protocol's messages (a \`run\` in, \`started\` and \`result\` out) with no code around them; "comlink" is an echo through Comlink; "dedicated" is the Dedicated panel's own code (submit → result through the loop worker, checks and bookkeeping included).`,
    '',
    '| contender | mean round trip | p50 | p99 | pipelined per second | throughput vs raw | mean vs raw |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ];
  if (r.dedicated && r.comlink) {
    const d = r.dedicated;
    lines.push(
      `Goals, as the median of the per-run ratios: throughput ≥ 0.9× raw: ${verdict(d.perSecondVsRaw.median >= 0.9)}; ≥ 1.4× Comlink (${num(d.perSecondVsComlink.median, 2)}×): ${verdict(d.perSecondVsComlink.median >= 1.4)}; mean round trip ≤ 1.1× raw: ${verdict(d.meanVsRaw.median <= 1.1)}.`,
      '',
      `Throughput ${d.perSecondVsRaw.median >= 1 ? 'is above' : 'is compared with'} the floor while each side gathers what one turn of its loop sends into one \`postMessage\` (\`src/workers/outbox.ts\`): the ${count(messaging.pipelined)} requests submitted in one turn cross as one post each way, where the floor pays a hand-off per request.`,
      '',
    );
    const same = r['raw, same messages'];
    if (same && d.meanVsSameMessages)
      lines.push(
        `Where a single round trip's time goes (${d.meanVsRaw.median <= 1.1 ? 'the goal is met' : 'the gap to the 1.1× goal'}): a lone round trip cannot be batched, so it pays for its messages and for the code around them. Echoing the protocol's messages with no code costs ${num(same.meanVsRaw.median, 2)}× the bare echo: the structured clone of a list of objects with named fields, read lazily on the other side, costs more than that of \`{ id }\`. The Dedicated code on top of those messages costs ${num(d.meanVsSameMessages.median, 2)}× the same-messages echo: checking each message on both threads, the promise and bookkeeping per task, and the end-of-turn flush. Each is a median of per-run ratios; round trips here swing between a fast and a slow regime (see p50 and p99), so the medians do not multiply exactly.`,
        '',
      );
  }
  return lines;
}

function streamingSection({ streaming }) {
  if (!streaming) return [];
  const rows = Object.entries(streaming.methods).map(([method, m]) => {
    const steps = m.steps.map(
      (s) =>
        `${count(s.rate)}: p95 ${num(s.p95, 1)} ms${s.absorbed ? '' : s.received < s.sent ? ', lost' : ', not absorbed'}`,
    );
    return `| ${method} | ${range(m.best, count)} | ${steps.join('; ')} |`;
  });
  const best = Math.max(...Object.values(streaming.methods).map((m) => m.best.median));
  return [
    '## 5. Streaming',
    '',
    `The highest rate (updates per second, ${streaming.durationMs / 1000} s streams, rates ${streaming.rates.map(count).join(', ')}) the page absorbs: every update received, no backlog left when the worker is done, p95 frame interval ≤ ${streaming.frameGoalMs} ms. The last run's ramp is listed.`,
    '',
    '| method | highest rate absorbed | ramp |',
    '| --- | --- | --- |',
    ...rows,
    '',
    `Best: ${count(best)} per second (goal ≥ 1,000,000: ${verdict(best >= 1_000_000)}). The panels use worker-side batches in transferred typed arrays, with one DOM commit per frame.`,
    '',
  ];
}

function sizeSection({ size, lighthouse }) {
  if (!size) return [];
  const lines = [
    '## 7. Size and load',
    '',
    '| what | gzipped | goal |',
    '| --- | --- | --- |',
    `| initial JavaScript | ${kb(size.initial.js)} | ≤ ${kb(size.budget)}: ${verdict(size.initial.js <= size.budget)} |`,
    `| initial CSS | ${kb(size.initial.css)} | |`,
    `| everything in the build | ${kb(size.totalGzip)} | |`,
    '',
    'Loaded on demand (workers, code views, recordings): ' +
      size.lazy
        .map(
          (f) =>
            `\`${f.file.replace(/^assets\//, '').replace(/-[\w-]{8}(\.\w+)$/, '$1')}\` ${kb(f.gzip)}`,
        )
        .join(', ') +
      '.',
    '',
  ];
  if (lighthouse) {
    lines.push(
      '| Lighthouse (mobile) | score | goal |',
      '| --- | --- | --- |',
      `| performance | ${range(lighthouse.performance, count)} | 100: ${verdict(lighthouse.performance.median >= 100)} |`,
      `| accessibility | ${range(lighthouse.accessibility, count)} | 100: ${verdict(lighthouse.accessibility.median >= 100)} |`,
      `| first contentful paint | ${range(lighthouse.fcp, ms(0))} | |`,
      `| largest contentful paint | ${range(lighthouse.lcp, ms(0))} | |`,
      `| total blocking time | ${range(lighthouse.tbt, ms(0))} | |`,
      '',
      lighthouse.failingAudits.length
        ? `Failing audits: ${lighthouse.failingAudits.join(', ')}.`
        : 'No failing audit.',
      '',
    );
    if (lighthouse.longTasks?.length)
      lines.push(
        `The longest main-thread tasks of the last run, as Lighthouse simulates them (4× CPU slowdown): ${lighthouse.longTasks.map((t) => `${t.url} ${num(t.duration, 0)} ms`).join(', ')}. Total blocking time is what these add beyond 50 ms each.`,
        '',
      );
    const scores = Object.entries(lighthouse.metricScores ?? {});
    if (scores.length)
      lines.push(
        `Where the performance points go (each metric's score × its weight): ${scores
          .map(([id, m]) => `${id} ${num(m.score.median, 2)} × ${m.weight}%`)
          .join('; ')}.`,
        '',
      );
  }
  return lines;
}

function enginesSection({ engines }) {
  if (!engines) return [];
  const rows = Object.entries(engines.engines);
  return [
    '## 8. Stall error per engine',
    '',
    "A Blocking `cpu` task of D ms, run by clicking Run through each engine's driver (`npm run bench -- --only engines`; the drivers of `tests/cross`). *Run* is the Blocking panel's own figure for the run (“held the main thread for”), minus D: the span its User Timing marks cover, in every engine. *Stall list* is the stall as the instrument lists it (and as the panel's “last run”), minus D: Chromium's long task (the whole click task), elsewhere the same measure. *Frame gap* is what frame gaps alone would have read. *Busy loop* is a 300 ms loop the benchmark runs in the page, which the page knows nothing about: Chromium's long tasks, elsewhere frame gaps. Goals (issue 19): the Blocking task within one frame + 5 ms of D; the busy loop between D and D + two frames + 5 ms.",
    '',
    '| engine | frame | D | run − D | stall list − D | frame gap − D | busy loop − 300 ms |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.flatMap(([engine, e]) =>
      e.missing
        ? [`| ${engine} | not installed: ${e.missing} | | | | | |`]
        : [300, 1000].map(
            (d) =>
              `| ${d === 300 ? e.version : ''} | ${d === 300 ? range(e.frame, ms(1)) : ''} | ${d} ms | ${range(e.blocking[d].lastRunError, ms(0))}: ${verdict(Math.max(Math.abs(e.blocking[d].lastRunError.max), Math.abs(e.blocking[d].lastRunError.min)) <= e.frame.median + 5)} | ${range(e.blocking[d].error, ms(0))} | ${range(e.blocking[d].frameGapError, ms(0))} | ${d === 300 ? `${range(e.busyLoopError, ms(0))}: ${verdict(e.busyLoopError.min >= -1 && e.busyLoopError.max <= 2 * e.frame.median + 5)}` : ''} |`,
          ),
    ),
    '',
  ];
}

function ownStallsSection({ 'own-stalls': own, lighthouse }) {
  if (!own) return [];
  // Long-task entries exist only over 50 ms: a run without one reads 0, which is "none", not 0 ms.
  const longTask = (s) =>
    s.max === 0
      ? 'none over 50 ms'
      : s.median === 0
        ? `none over 50 ms (median); ${ms(1)(s.max)} in the worst run`
        : range(s, ms(1));
  return [
    "## 9. The page's own stalls",
    '',
    "A reader's visit, scripted (`bench/lib/visit.mjs`): load, scroll through the whole page, open every disclosure, one wait task in the Queue and in the Dedicated panel, the theme switched to dark and back. The figures are the browser's own long-task entries (every main-thread task over 50 ms) after the first contentful paint, from visits that are not traced: tracing the timeline slows each task by a third to a half here. None of this is a strategy's work, so every task over 50 ms is a stall the page put on its own chart. The floor is an empty page scrolled the same way.",
    '',
    '| figure | Two Loops | floor | goal |',
    '| --- | --- | --- | --- |',
    `| longest main-thread task after first paint | ${longTask(own.longest)} | ${longTask(own.floorLongest)} | ≤ 50 ms: ${verdict(own.longest.median <= 50)} |`,
    `| tasks over 50 ms | ${range(own.over50, count)} | | 0 |`,
    `| Lighthouse performance (mobile, 4× CPU slowdown simulated) | ${lighthouse ? range(lighthouse.performance, count) : '—'} | | 100 |`,
    ...(own.byCpu?.length
      ? [
          `| longest task by thread time, one traced visit (does not grow when other processes take the CPU) | ${ms(1)(own.byCpu[0].cpu)} | | ≤ 50 ms: ${verdict(own.byCpu[0].cpu <= 50)} |`,
        ]
      : []),
    '',
    'The longest tasks of one more visit, traced (so each reads longer than it was), with the work inside each (ms; nested work counts in its own kind and in its parent’s):',
    '',
    '| after first paint | task | thread time | inside it |',
    '| --- | --- | --- | --- |',
    ...own.worst.map(
      (t) =>
        `| ${ms(0)(t.at)} | ${ms(1)(t.duration)} | ${t.cpu === undefined ? '—' : ms(1)(t.cpu)} | ${t.what || '—'} |`,
    ),
    '',
    ...(own.byCpu?.length
      ? [
          'The same visit’s longest tasks by thread time:',
          '',
          '| after first paint | thread time | task | inside it |',
          '| --- | --- | --- | --- |',
          ...own.byCpu.map(
            (t) => `| ${ms(0)(t.at)} | ${ms(1)(t.cpu)} | ${ms(1)(t.duration)} | ${t.what || '—'} |`,
          ),
          '',
        ]
      : []),
  ];
}

/**
 * The code checker's precision and recall, from bench/checker-results.json (written by
 * `npm run bench:checker`, which needs no browser): absent, no section.
 */
function checkerSection() {
  if (!existsSync('bench/checker-results.json')) return [];
  const { reader, later, project, seed } = JSON.parse(
    readFileSync('bench/checker-results.json', 'utf8'),
  );
  const pct = (v) => `${(v * 100).toFixed(0)} %`;
  const row = (name, unit, s) =>
    s
      ? `| ${name} | ${s.items} | ${unit} | ${s.expected} | ${s.found} | ${s.correct} | ${pct(s.precision)} | ${pct(s.recall)} |`
      : `| ${name} | — | ${unit} | — | — | — | not run: ../shared absent | |`;
  const listed = (title, items) =>
    items.length ? [`${title}: ${items.map((i) => `\`${i}\``).join(', ')}.`, ''] : [];
  return [
    '## 10. Code checker: precision and recall',
    '',
    'Written by `npm run bench:checker` (tests/unit/checker-score.test.ts; deterministic, no browser). A finding on a reader snippet counts when its rule and line match a `# expect:` mark; on the project files and the seed article, each file counts the set of rules it gets against what the page says it has.',
    '',
    '| set | files | counted as | expected | found | correct | precision | recall |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    row(
      'reader-shaped snippets, written before the rules (tests/fixtures/checker/reader)',
      'rule@line',
      reader,
    ),
    row(
      'reader-shaped snippets, written after the rules, rules unchanged since (reader-later)',
      'rule@line',
      later,
    ),
    row(
      "the project's own files (python/mistakes, fixes, strategies, recommended.py)",
      'rules per file',
      project,
    ),
    row('the seed article’s three examples (../shared/seed)', 'rules per file', seed),
    '',
    'The first reader set was written before the rules but by the same hand, so its figures are the optimistic ones; the second is the fairer look at code the rules were not shaped by.',
    '',
    ...listed('Found and not expected', [...reader.wrong, ...later.wrong]),
    ...listed('Expected and not found', [...reader.missed, ...later.missed]),
    'tests/fixtures/checker/reader-later/README.md discusses each finding of that set that was not expected.',
    '',
  ];
}

export function writeReport(results) {
  writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
  const s = results.sections;
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${results.quick ? ' -- --quick' : ''}\` on ${results.date.slice(0, 10)}: ${results.browser}, ${results.machine.cpus} CPUs (${results.machine.cpu}), ${results.machine.memoryGiB} GiB, ${results.machine.platform}. ${results.runs > 1 ? `Each figure is the median of ${results.runs} runs, with the minimum and maximum in brackets;` : 'A quick look: each figure is a single run (`npm run bench` takes the median of five);'} the raw numbers are in [bench/results.json](bench/results.json). The machine is shared and noisy, so comparisons are made within one run. The browser runs headless with software rendering (\`scripts/browser.mjs\`), and without the omnibox's popups as web pages: Chromium starts a renderer for them with each new window, one per run here, and it took about 1 s of CPU while the page under test started.`,
    '',
    ...instrumentSection(s),
    ...stallsSection(s),
    ...messagingSection(s),
    ...streamingSection(s),
    ...(s.polling?.table ?? []),
    ...(s.guest?.table ?? []),
    ...sizeSection(s),
    ...enginesSection(s),
    ...ownStallsSection(s),
    ...checkerSection(),
  ];
  writeFileSync('BENCHMARKS.md', `${lines.join('\n')}\n`);
}

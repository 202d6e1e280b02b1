// @vitest-environment jsdom
import { formatRecordedMs, formatSeconds } from '../../src/format/format';
import { describe, expect, it, vi } from 'vitest';
import { CHART_WINDOW_MS, intervalScale } from '../../src/instrument/chart/scale';
import { chartGeometry, describeChart, PLOT_HEIGHT } from '../../src/recordings/chart';
import {
  blockingView,
  dedicatedView,
  gilView,
  metaView,
  nearest,
  queueView,
  showsGil,
} from '../../src/recordings/recording-figures';
import { whenNearAndIdle } from '../../src/recordings/lazy.svelte';
import { loadTrace, readTrace, TRACE_FILES } from '../../src/recordings/load';
import {
  afterCloseEvidence,
  asyncioQueueEvidence,
  beforeMainloopEvidence,
  blockingCallEvidence,
  blockingEvidence,
  clientFirstLoopEvidence,
  closeWhileRunningEvidence,
  deadlockEvidence,
  endedPhrase,
  loopPerClickEvidence,
  neverStoppedEvidence,
  threadCallEvidence,
  widgetFromThreadEvidence,
} from '../../src/recordings/mistakes';
import {
  blockingFigures,
  dedicatedFigures,
  gilFigures,
  pollingFigures,
  shutdownFigures,
} from '../../src/tk-traces/trace-figures';
import { parseTkTrace } from '../../src/tk-traces/trace-checks';
import { TRACE_IDS, type TraceId, type TraceOf } from '../../src/tk-traces/trace-types';

/** Figures as read, with the no-break spaces that keep numbers and units together made plain. */
const plain = (text: string | null | undefined) => text?.replace(/\u00a0/g, ' ');
const ms = (value: number | null) => plain(formatRecordedMs(value));
const rawTraces = import.meta.glob<unknown>('../../src/tk-traces/*.json', {
  eager: true,
  import: 'default',
});

function raw(id: TraceId): Record<string, unknown> {
  const entry = Object.entries(rawTraces).find(([file]) => file.endsWith(`/${id}.json`));
  if (!entry) throw new Error(`no ${id}.json`);
  return structuredClone(entry[1]) as Record<string, unknown>;
}

function committed<K extends TraceId>(id: K): TraceOf<K> {
  return parseTkTrace(raw(id)) as TraceOf<K>;
}

/** A view's rows without the raw run each carries for its chart. */
const withoutRun = <T extends { run: unknown }>(rows: T[]) =>
  rows.map(({ run: _, ...rest }) => rest);

describe('the trace loader', () => {
  it('has a loader for every trace, and each validates', async () => {
    expect(Object.keys(TRACE_FILES).sort()).toEqual([...TRACE_IDS].sort());
    for (const id of TRACE_IDS) {
      const loaded = await loadTrace(id);
      expect(loaded, id).toMatchObject({ ok: true });
      if (loaded.ok) expect(loaded.value.trace).toBe(id);
    }
  });

  it('rejects a trace that fails validation, with a message naming the problems', async () => {
    const broken = raw('blocking');
    const run = (broken.runs as Record<string, unknown>[])[0] as Record<string, unknown>;
    run.kind = 'sleep';
    delete run.heartbeatStalls;
    const loaded = await readTrace('blocking', async () => ({ default: broken }));
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.message).toMatch(/^The Tk recording blocking\.json failed validation/);
    expect(loaded.message).toContain('runs[0].kind: expected one of wait, cpu, got "sleep"');
    expect(loaded.message).toContain('runs[0].heartbeatStalls: missing');
  });

  it('counts the problems it does not list', async () => {
    const broken = raw('polling');
    for (const run of broken.runs as Record<string, unknown>[]) delete run.latencyMs;
    const loaded = await readTrace('polling', async () => ({ default: broken }));
    expect(loaded).toMatchObject({
      ok: false,
      message: expect.stringMatching(/4 problems in all/),
    });
  });

  it('rejects a valid trace of another kind', async () => {
    const loaded = await readTrace('blocking', async () => ({ default: raw('polling') }));
    expect(loaded).toMatchObject({
      ok: false,
      message: expect.stringContaining('expected "blocking", got "polling"'),
    });
  });

  it('turns a failed download into a message instead of throwing', async () => {
    const loaded = await readTrace('gil', () => Promise.reject(new Error('offline')));
    expect(loaded).toEqual({
      ok: false,
      message: 'The Tk recording gil.json could not be loaded (Error: offline).',
    });
  });
});

describe('the figures the recordings show are the schema’s figures', () => {
  const blocking = committed('blocking');
  const polling = committed('polling');
  const gil = committed('gil');
  const dedicated = committed('dedicated');
  const shutdown = committed('shutdown');

  it('blocking: every recorded D of the chosen kind, and the run nearest the reader’s D', () => {
    const view = blockingView(blocking, { kind: 'cpu', durationMs: 1000 }, null);
    const cpu = blockingFigures(blocking).filter((f) => f.kind === 'cpu');
    expect(withoutRun(view.rows)).toEqual(cpu.sort((a, b) => a.durationMs - b.durationMs));
    expect(view.selected.durationMs).toBe(1000);
    const run = blocking.runs.find((r) => r.kind === 'cpu' && r.durationMs === 1000);
    // The same figure as the recorder computed in Python.
    expect(view.selected.mergedStallMs).toBe(run?.summary.mergedStallMs);
    expect(view.slowestClick).toBe(Math.max(...(run?.summary.clickDelayMs ?? [])));
    expect(plain(view.comparison[0]?.tk)).toContain(ms(run?.summary.longestStallMs ?? -1));
    expect(view.chart.gaps).toEqual(run?.heartbeatStalls.map(([atMs, gapMs]) => ({ atMs, gapMs })));
    expect(view.substitute).toBeNull();
  });

  it('blocking: says which recording stands in for a D or a kind that was not recorded', () => {
    const near = blockingView(blocking, { kind: 'wait', durationMs: 700 }, null);
    expect(near.selected.durationMs).toBe(500);
    expect(plain(near.substitute)).toBe('The nearest recorded D to your 700 ms.');
    const stream = blockingView(blocking, { kind: 'stream', durationMs: 2000 }, null);
    expect(stream.kind).toBe('wait');
    expect(stream.substitute).toMatch(/No stream was recorded/);
  });

  it('blocking: puts the live figures beside the recorded ones', () => {
    const live = {
      strategy: 'blocking' as const,
      longestStall: 1234,
      inputDelayP95: 400,
      inputDelayMax: 812,
      deliveryP50: null,
      deliveryP95: null,
      deliveryMax: null,
      idleWakeupsPerSecond: 0,
      runs: 3,
    };
    const freeze = { runs: 3, longestClickWaitMs: 1890 };
    const view = blockingView(blocking, { kind: 'wait', durationMs: 1000 }, live, freeze);
    // The panel's freeze, not its runs since the page loaded (6 here) nor the probe's inputs.
    expect(view.comparison.map((c) => plain(c.live))).toEqual([
      '1,234 ms',
      '3 (1 click, then 2 during the freeze)',
      '1,890 ms',
    ]);
    const noClick = blockingView(
      blocking,
      {},
      { ...live, runs: 6 },
      { runs: 1, longestClickWaitMs: null },
    );
    expect(plain(noClick.comparison[2]?.live)).toBe('no click during the last freeze');
    const before = blockingView(blocking, {}, null);
    expect(before.comparison.every((c) => c.live === 'not run yet')).toBe(true);
  });

  it('queue: one row per P, in order, and the P nearest the reader’s', () => {
    const view = queueView(polling, { pollMs: 60 }, null);
    expect(withoutRun(view.rows).map(({ expected: _, ...rest }) => rest)).toEqual(
      pollingFigures(polling),
    );
    expect(view.selected.pollMs).toBe(50);
    const run = polling.runs.find((r) => r.pollMs === 50);
    expect(view.selected.latencyMs).toEqual(run?.summary.latencyMs);
    expect(view.selected.wakeupsPerS).toBe(run?.summary.wakeupsPerS);
    expect(view.selected.cpuMsPerS).toBe(run?.summary.cpuMsPerS);
    expect(plain(view.comparison[0]?.tk)).toBe(
      `${ms(run?.summary.latencyMs.p50 ?? -1)} at P = 50 ms`,
    );
  });

  it('GIL: the interpreter’s default switch interval first, with the heartbeat gaps placed', () => {
    const view = gilView(gil);
    const figures = gilFigures(gil);
    expect(view.main.switchIntervalMs).toBe(gil.meta.switchIntervalMs);
    const { run: _, ...main } = view.main;
    expect(figures).toContainEqual(main);
    expect(view.main.busy).toEqual(view.main.run.summary.busy);
    expect(view.others).toHaveLength(figures.length - 1);
    const above = [...view.main.run.idle.heartbeatGapsMs, ...view.main.run.busy.heartbeatGapsMs];
    expect(view.chart.gaps.map((g) => g.gapMs)).toEqual(above.filter((g) => g > 8));
    // The gaps fall inside their windows.
    for (const gap of view.chart.gaps) {
      const inIdle = gap.atMs >= view.main.run.idle.fromMs && gap.atMs <= view.main.run.idle.toMs;
      const inBusy = gap.atMs >= view.main.run.busy.fromMs && gap.atMs <= view.main.run.busy.toMs;
      expect(inIdle || inBusy).toBe(true);
    }
  });

  it('dedicated: both hand-overs, whether each delivered everything, and every way of closing', () => {
    const view = dedicatedView(dedicated, shutdown, null);
    expect(withoutRun(view.rows).map(({ expected: _, worked: __, ...rest }) => rest)).toEqual(
      dedicatedFigures(dedicated),
    );
    for (const row of view.rows) expect(row.worked).toBe(row.delivered === row.run.expected);
    expect(view.rows.map((r) => r.method).sort()).toEqual(['after', 'event']);
    expect(view.main.method).toBe('after');
    expect(
      view.closing?.map(
        ({ timeoutMs: _, pending: __, loopRunning: ___, cleanupRan: ____, ...r }) => r,
      ),
    ).toEqual(shutdownFigures(shutdown));
    expect(view.closing?.map((r) => r.outcome)).toEqual(
      shutdown.runs.map((r) => r.summary.outcome),
    );
  });

  it('labels each trace with its Python, Tcl/Tk, threading and input', () => {
    const label = metaView(blocking.meta);
    expect(label.python).toBe(`CPython ${blocking.meta.python}`);
    expect(label.tk).toBe(`Tcl/Tk ${blocking.meta.tk}`);
    expect(label.threaded).toBe(blocking.meta.tclThreaded ? 'threaded' : 'not threaded');
    expect(label.injection).toMatch(/XTEST/);
    expect(metaView({ ...blocking.meta, tk: '8.6.12', injection: 'invoke' })).toMatchObject({
      tk: `Tcl ${blocking.meta.tcl}, Tk 8.6.12`,
      injection: expect.stringMatching(/button\.invoke\(\)/),
    });
  });

  it('shows the GIL with Queue unless told otherwise', () => {
    expect(showsGil({ strategy: 'queue' })).toBe(true);
    expect(showsGil({ strategy: 'dedicated' })).toBe(false);
    expect(showsGil({ strategy: 'dedicated', gil: true })).toBe(true);
    expect(showsGil({ strategy: 'queue', gil: false })).toBe(false);
  });

  it('picks the nearest recorded value on a log scale', () => {
    const values = [500, 1000, 2000];
    expect(nearest(values, 700, (v) => v)).toBe(500);
    expect(nearest(values, 750, (v) => v)).toBe(1000);
    expect(nearest(values, 10, (v) => v)).toBe(500);
    expect(nearest(values, 9000, (v) => v)).toBe(2000);
  });
});

describe('the evidence of the mistakes', () => {
  it('comes from the recorded runs', () => {
    const blocking = committed('blocking');
    const freeze = blockingEvidence(blocking);
    const run = blocking.runs.find((r) => r.kind === 'wait' && r.durationMs === 1000);
    expect(freeze.mergedStallMs).toBe(run?.summary.mergedStallMs);
    expect(freeze.runs).toBe(run?.summary.runs);

    const mistakes = committed('mistakes');
    const queue = asyncioQueueEvidence(mistakes);
    const queueRun = mistakes.runs.find((r) => r.variant === 'asyncio-queue');
    expect(queue.label).toBe(queueRun?.summary.lastLabel);
    expect(queue.label).toMatch(/^<coroutine object Queue\.get/);
    expect(queue.printed).toContain('task_done() called too many times');
    expect(queue.warnings.length).toBe(queueRun?.summary.warnings);

    const early = beforeMainloopEvidence(mistakes);
    const earlyRun = mistakes.runs.find((r) => r.variant === 'before-mainloop');
    expect(early.windowAppearsAfterMs).toBe(earlyRun?.summary.windowAppearsAfterMs);
    expect(early.printed).toBeNull();

    const calls = threadCallEvidence(committed('thread-call'));
    expect(calls.rows.map((r) => [r.variant, r.raised])).toEqual([
      ['mainloop', false],
      ['before-mainloop', true],
      ['update-loop', true],
      ['after-close', true],
    ]);
    expect(calls.rows.at(-1)?.state).toBe('the window has closed and mainloop() has returned');

    const shutdown = committed('shutdown');
    const stopped = neverStoppedEvidence(shutdown);
    expect(stopped.rows.map((r) => r.outcome)).toEqual(shutdown.runs.map((r) => r.summary.outcome));
    expect(stopped.printed).toBeNull();

    const deadlock = committed('deadlock');
    const stuck = deadlockEvidence(deadlock);
    expect(stuck.deadlocked).toBe(true);
    expect(stuck.detectedAfterPressMs).toBe(deadlock.runs[0]?.summary.detectedAfterPressMs);
    expect(stuck.stuck.map((s) => s.thread)).toContain('MainThread');
  });
});

describe('the evidence of the offered mistakes, beside their fixes', () => {
  const offered = committed('offered');
  const run = (variant: string, form: string) => {
    const found = offered.runs.find((r) => r.variant === variant && r.form === form);
    if (!found) throw new Error(`offered.json has no ${variant} ${form} run`);
    return found;
  };
  const closeMs = (r: ReturnType<typeof run>) => r.steps.find(([, s]) => s === 'close')?.[0] ?? NaN;

  it('close while running: the mistake aborts with its signal, every fixed form exits', () => {
    const e = closeWhileRunningEvidence(offered);
    const mistake = run('close-while-running', 'mistake');
    expect(e.mistake.signal).toBe(mistake.process.signal);
    expect(e.mistake.signal).toBe('SIGABRT');
    expect(e.mistake.output).toBe(mistake.process.stderr);
    expect(e.mistake.endedAfterCloseMs).toBe(
      Math.round((mistake.process.endedMs - closeMs(mistake)) * 10) / 10,
    );
    expect([e.strategy.script, e.recommended.script]).toEqual([
      run('close-while-running', 'strategy').script,
      run('close-while-running', 'recommended').script,
    ]);
    for (const f of [e.fix, e.strategy, e.recommended])
      expect(plain(endedPhrase(f))).toMatch(/^exited cleanly \S+ (ms|s) after the window closed$/);
    expect(plain(endedPhrase(e.mistake))).toBe(
      `aborted with SIGABRT ${(e.mistake.endedAfterCloseMs ?? NaN) >= 1000 ? plain(formatSeconds(e.mistake.endedAfterCloseMs ?? NaN)) : ms(e.mistake.endedAfterCloseMs)} after the window closed`,
    );
  });

  it('a blocking call: the longest Tk stall of each form, and the buttons pressed', () => {
    const e = blockingCallEvidence(offered);
    const longest = (r: ReturnType<typeof run>) =>
      Math.max(0, ...r.heartbeatStalls.map(([, g]) => g));
    expect(e.mistake.longestStallMs).toBe(longest(run('blocking-call', 'mistake')));
    expect(e.fix.longestStallMs).toBe(longest(run('blocking-call', 'fix')));
    expect(e.buttons).toEqual(['Sleep', 'Fetch']);
  });

  it('a loop per click: the second click, its thread error and the fixed label', () => {
    const e = loopPerClickEvidence(offered);
    const mistake = run('loop-per-click', 'mistake');
    const [first, second] = mistake.steps.filter(([, s]) => s.startsWith('press'));
    expect(e.secondClickAfterMs).toBe(
      Math.round(((second?.[0] ?? 0) - (first?.[0] ?? 0)) * 10) / 10,
    );
    expect(e.error?.error).toBe('RuntimeError: This event loop is already running');
    expect(e.warnings).toEqual(mistake.warnings.map((w) => w.warning));
    expect(e.fix.lastLabel).toBe(run('loop-per-click', 'fix').labelTexts.at(-1)?.[2]);
  });

  it('a client bound to the first loop: the labels and the error printed', () => {
    const e = clientFirstLoopEvidence(offered);
    expect(e.labels).toEqual(run('client-first-loop', 'mistake').labelTexts.map((t) => t[2]));
    expect(e.error).toMatch(/attached to a different loop$/);
  });

  it('root.after() after close and a widget from a thread: the Tk call that gave up', () => {
    const late = afterCloseEvidence(offered);
    const lateRun = run('after-close', 'mistake');
    const [atMs, , method, tookMs, outcome] = lateRun.tkCallsFromThreads[0] ?? [];
    expect(late.call).toEqual({
      thread: lateRun.tkCallsFromThreads[0]?.[1],
      method,
      tookMs,
      outcome,
      raised: true,
      afterCloseMs: Math.round(((atMs ?? NaN) - closeMs(lateRun)) * 10) / 10,
    });
    expect(late.mistake.outcome).toBe('aborted');

    const widget = widgetFromThreadEvidence(offered);
    const widgetRun = run('widget-from-thread', 'mistake');
    expect(widget.call?.tookMs).toBe(widgetRun.tkCallsFromThreads[0]?.[3]);
    expect(widget.call?.outcome).toBe('RuntimeError: main thread is not in main loop');
    // The call was made before mainloop(), so not "after the close".
    expect(widget.call?.afterCloseMs).toBeNull();
    expect(widget.mistake.lastLabel).toBeNull();
    expect(widget.fix.lastLabel).toBe('step 5/5');
  });
});

describe('the recording chart', () => {
  const width = 800;
  const spec = {
    fromMs: 0,
    toMs: 3000,
    gaps: [
      { atMs: 1000, gapMs: 1000 },
      { atMs: 2500, gapMs: 20 },
    ],
  };

  it('uses the live chart’s interval scale and its milliseconds per pixel', () => {
    const g = chartGeometry(spec, width);
    const y = intervalScale(6, PLOT_HEIGHT - 4);
    const [wall, beat] = g.blocks;
    expect(wall).toMatchObject({ wall: true, y: y(1000), x: (1000 / CHART_WINDOW_MS) * width });
    expect(wall?.width).toBeCloseTo((1000 / CHART_WINDOW_MS) * width);
    expect(wall?.height).toBeCloseTo(PLOT_HEIGHT - 4 - y(1000));
    expect(beat).toMatchObject({ wall: false });
    expect(g.wallLabels.map((l) => l.text)).toEqual(['1.0 s']);
    expect(g.grid.map((l) => l.label)).toContain('50 ms · stall');
  });

  it('widens its window rather than cut a recording longer than 8 s', () => {
    const g = chartGeometry(
      { fromMs: 0, toMs: 10_000, gaps: [{ atMs: 9000, gapMs: 1000 }] },
      width,
    );
    expect(g.blocks[0]?.x).toBeCloseTo(0.9 * width);
    expect(g.ticks.at(-1)?.label).toBe('10 s');
  });

  it('leaves gaps under the 8 ms floor on the axis, as the live chart does', () => {
    expect(
      chartGeometry({ fromMs: 0, toMs: 1000, gaps: [{ atMs: 10, gapMs: 6 }] }, width).blocks,
    ).toEqual([]);
  });

  it('says the same in words', () => {
    expect(plain(describeChart(spec))).toBe(
      'In 3.0 s, the heartbeat stopped for 1.0 s from 1.0 s, plus 1 shorter gap above 8 ms.',
    );
    expect(plain(describeChart({ fromMs: 0, toMs: 3100, gaps: [] }))).toBe(
      'No heartbeat gap above 8 ms in 3.1 s.',
    );
  });
});

describe('whenNearAndIdle', () => {
  it('starts at once where there is no IntersectionObserver', () => {
    let started = 0;
    whenNearAndIdle(document.createElement('div'), () => started++);
    expect(started).toBe(1);
  });

  it('waits until the element comes near, then for an idle moment; cancelling stops it', () => {
    const observers: { callback: IntersectionObserverCallback; disconnected: boolean }[] = [];
    const idle: (() => void)[] = [];
    vi.stubGlobal(
      'IntersectionObserver',
      class {
        state: { callback: IntersectionObserverCallback; disconnected: boolean };
        constructor(callback: IntersectionObserverCallback) {
          this.state = { callback, disconnected: false };
          observers.push(this.state);
        }
        observe() {}
        disconnect() {
          this.state.disconnected = true;
        }
      },
    );
    vi.stubGlobal('requestIdleCallback', (fn: () => void) => idle.push(fn));
    vi.stubGlobal('cancelIdleCallback', () => idle.splice(0));
    try {
      let started = 0;
      whenNearAndIdle(document.createElement('div'), () => started++);
      const near = (isIntersecting: boolean) =>
        observers[0]?.callback(
          [{ isIntersecting } as IntersectionObserverEntry],
          {} as IntersectionObserver,
        );
      near(false);
      expect(idle).toHaveLength(0);
      near(true);
      expect(observers[0]?.disconnected).toBe(true);
      expect(started).toBe(0);
      idle.shift()?.();
      expect(started).toBe(1);

      const cancel = whenNearAndIdle(document.createElement('div'), () => started++);
      observers[1]?.callback([{ isIntersecting: true } as IntersectionObserverEntry], {} as never);
      cancel();
      expect(idle).toHaveLength(0);
      expect(started).toBe(1);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('a Blocking recording whose queued clicks left a blink in the freeze', () => {
  // A real recording (the one committed before the current one): in its 2 s cpu run the clicks
  // queued during the freeze ran back to back with one painted frame between two of them.
  it('says the longest stall and the freeze in all, with the blink', async () => {
    const { default: raw } = await import('../fixtures/blocking-with-blink.json');
    const trace = raw as unknown as Parameters<typeof blockingView>[0];
    const view = blockingView(trace, { kind: 'cpu', durationMs: 2000 }, null);
    const row = view.comparison.find((r) => r.label === 'Longest stall');
    const chosen = blockingFigures(trace).find((f) => f.kind === 'cpu' && f.durationMs === 2000);
    expect(chosen && chosen.mergedStallMs > chosen.longestStallMs).toBe(true);
    expect(row?.tk).toBe(
      `${formatRecordedMs(chosen!.longestStallMs)} (${formatRecordedMs(chosen!.mergedStallMs)} in all, with one blink)`,
    );
  });
});

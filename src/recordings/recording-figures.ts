/**
 * What the recordings show, built from the traces by the figure functions of tk-traces/trace-figures.ts:
 * this module only selects, labels and formats, so every number on screen is one the unit tests
 * recompute from the raw samples.
 */
import { formatRate, formatRecordedMs } from '../format/format';
import type { StrategyFigures } from '../strategies/strategy-figures';
import type { TaskKind } from '../tasks/params';
import {
  blockingFigures,
  dedicatedFigures,
  gilFigures,
  pollingFigures,
  shutdownFigures,
} from '../tk-traces/trace-figures';
import {
  STALL_THRESHOLD_MS,
  type RecordedDistribution as Distribution,
  type RecordedStall as Stall,
  type TkTraceMeta,
  type TraceOf,
} from '../tk-traces/trace-types';
import type { RecordedGap, RecordingChartSpec } from './chart';
import type { FreezeFigures, RecordingProps } from './views';

/** The GIL's cost matters wherever a Python thread computes; by default it is shown with Queue. */
export function showsGil(props: Pick<RecordingProps, 'strategy' | 'gil'>): boolean {
  return props.gil ?? props.strategy === 'queue';
}

// ---- metadata ----------------------------------------------------------------------------------

const INJECTION = {
  xtest:
    'clicks sent as real X events through XTEST by a separate process, so they queue like a user’s',
  event_generate:
    'clicks sent with event_generate(when="tail") from a helper thread: they wait in Tcl’s event queue, not the window system’s, and under the GIL the sender waits for it too',
  invoke:
    'buttons pressed with button.invoke() on the Tk thread (input timing is not what this measures)',
  none: 'none, the script runs on its own',
} as const;

export interface MetaView {
  python: string;
  /** "GIL enabled", or "free-threaded, GIL disabled" and the like. */
  gil: string;
  tk: string;
  threaded: string;
  machine: string;
  injection: string;
  recorded: string;
}

export function metaView(meta: TkTraceMeta): MetaView {
  return {
    python: `${meta.pythonImplementation} ${meta.python}${meta.freeThreadedBuild ? ' (free-threaded build)' : ''}`,
    gil: meta.gilEnabled ? 'GIL enabled' : 'GIL disabled',
    tk: meta.tcl === meta.tk ? `Tcl/Tk ${meta.tcl}` : `Tcl ${meta.tcl}, Tk ${meta.tk}`,
    threaded: meta.tclThreaded ? 'threaded' : 'not threaded',
    machine: `${meta.machine.os}, ${meta.machine.cpu} (${meta.machine.cores} cores), ${meta.display}, Tk window system ${meta.windowSystem}`,
    injection: INJECTION[meta.injection],
    recorded: meta.recordedAt.slice(0, 10),
  };
}

// ---- side by side ------------------------------------------------------------------------------

/** One figure, recorded under Tk and measured live in this browser. */
export interface RecordedVsLiveRow {
  label: string;
  tk: string;
  live: string;
}

const NOT_RUN = 'not run yet';

function liveMs(live: StrategyFigures | null, value: number | null, none = '—'): string {
  if (!live || live.runs === 0) return NOT_RUN;
  return value === null ? none : formatRecordedMs(value);
}

function liveRate(live: StrategyFigures | null): string {
  if (!live || live.idleWakeupsPerSecond === null) return NOT_RUN;
  return formatRate(live.idleWakeupsPerSecond);
}

/** The median and 95th-percentile delivery rows, recorded (`how` says under what) against live. */
function deliveryRows(
  latencyMs: Distribution,
  how: string,
  live: StrategyFigures | null,
): RecordedVsLiveRow[] {
  return [
    {
      label: 'Delivery latency, median',
      tk: `${formatRecordedMs(latencyMs.p50)} ${how}`,
      live: liveMs(live, live?.deliveryP50 ?? null),
    },
    {
      label: 'Delivery latency, 95th percentile',
      tk: `${formatRecordedMs(latencyMs.p95)} ${how}`,
      live: liveMs(live, live?.deliveryP95 ?? null),
    },
  ];
}

function stallText(longest: number): string {
  return longest === 0 ? `none above ${STALL_THRESHOLD_MS} ms` : formatRecordedMs(longest);
}

function gapsOf(stalls: readonly Stall[]): RecordedGap[] {
  return stalls.map(([atMs, gapMs]) => ({ atMs, gapMs }));
}

/** The recorded value closest to what the reader chose, on a log scale (700 ms is nearer 500 than 1 000). */
export function nearest<T>(items: readonly T[], want: number, of: (item: T) => number): T {
  const distance = (item: T) => Math.abs(Math.log(Math.max(1, of(item)) / Math.max(1, want)));
  return items.reduce((best, item) => (distance(item) < distance(best) ? item : best));
}

// ---- blocking ----------------------------------------------------------------------------------

export type RecordedKind = 'wait' | 'cpu';

/**
 * The Blocking recording's figures, the run nearest the reader's kind and D, and the side-by-side
 * rows: recorded under Tk against `live` (the panel's figures) and `freeze` (its last freeze).
 */
export function blockingView(
  trace: TraceOf<'blocking'>,
  want: { kind?: TaskKind | undefined; durationMs?: number | undefined },
  live: StrategyFigures | null,
  freeze: FreezeFigures | null = null,
) {
  const kind: RecordedKind = want.kind === 'cpu' ? 'cpu' : 'wait';
  const all = blockingFigures(trace).map((figures, i) => ({
    ...figures,
    run: trace.runs[i] as TraceOf<'blocking'>['runs'][number],
  }));
  const rows = all.filter((row) => row.kind === kind).sort((a, b) => a.durationMs - b.durationMs);
  const selected = nearest(rows, want.durationMs ?? 1000, (row) => row.durationMs);
  const { run } = selected;
  const lastEnd = run.heartbeatStalls.reduce((end, [at, gap]) => Math.max(end, at + gap), 0);
  const chart: RecordingChartSpec = {
    fromMs: 0,
    toMs: Math.max(run.heartbeatSpanMs, lastEnd),
    gaps: gapsOf(run.heartbeatStalls),
    marks: run.clicksSentMs.map((atMs, i) => ({ atMs, label: `click ${i + 1}` })),
  };
  const slowestClick = Math.max(...selected.clickDelayMs);
  const comparison: RecordedVsLiveRow[] = [
    {
      label: 'Longest stall',
      tk:
        selected.mergedStallMs > selected.longestStallMs
          ? `${formatRecordedMs(selected.longestStallMs)} (${formatRecordedMs(selected.mergedStallMs)} in all, with one blink)`
          : formatRecordedMs(selected.longestStallMs),
      live: liveMs(live, live?.longestStall ?? null),
    },
    {
      label: 'Runs of the command in one freeze',
      tk: `${selected.runs} (1 click, then ${selected.clickDelayMs.length - 1} during the freeze)`,
      live: freeze
        ? `${freeze.runs} (1 click, then ${freeze.runs - 1} during the freeze)`
        : NOT_RUN,
    },
    {
      label: 'Longest wait of a click made during the freeze, until its run started',
      tk: formatRecordedMs(slowestClick),
      live: !freeze
        ? NOT_RUN
        : freeze.longestClickWaitMs === null
          ? 'no click during the last freeze'
          : formatRecordedMs(freeze.longestClickWaitMs),
    },
  ];
  return {
    kind,
    /** The reader chose a kind or a D that was not recorded: say which recording is shown. */
    substitute:
      want.kind === 'stream'
        ? 'No stream was recorded under Tk: this is the wait task.'
        : want.durationMs !== undefined && want.durationMs !== selected.durationMs
          ? `The nearest recorded D to your ${formatRecordedMs(want.durationMs)}.`
          : null,
    meta: trace.meta,
    rows,
    selected,
    slowestClick,
    chart,
    comparison,
  };
}

// ---- queue + polling ---------------------------------------------------------------------------

export function queueView(
  trace: TraceOf<'polling'>,
  want: { pollMs?: number | undefined },
  live: StrategyFigures | null,
) {
  const rows = pollingFigures(trace).map((figures) => {
    const run = trace.runs.find(
      (r) => r.pollMs === figures.pollMs,
    ) as TraceOf<'polling'>['runs'][number];
    return { ...figures, expected: run.expected, run };
  });
  const selected = nearest(rows, want.pollMs ?? 100, (row) => row.pollMs);
  const { run } = selected;
  const lastEnd = run.heartbeatStalls.reduce((end, [at, gap]) => Math.max(end, at + gap), 0);
  const chart: RecordingChartSpec = {
    fromMs: 0,
    toMs: Math.max(run.heartbeatSpanMs, lastEnd),
    gaps: gapsOf(run.heartbeatStalls),
  };
  const at = `at P = ${formatRecordedMs(selected.pollMs)}`;
  const comparison: RecordedVsLiveRow[] = [
    ...deliveryRows(selected.latencyMs, at, live),
    {
      label: 'Wake-ups per second while idle',
      tk: `${formatRate(selected.wakeupsPerS)} ${at}`,
      live: liveRate(live),
    },
    {
      label: 'Longest stall',
      tk: stallText(selected.longestStallMs),
      live: liveMs(live, live?.longestStall ?? null),
    },
  ];
  return {
    substitute:
      want.pollMs !== undefined && want.pollMs !== selected.pollMs
        ? `The nearest recorded P to your ${formatRecordedMs(want.pollMs)}.`
        : null,
    meta: trace.meta,
    rows,
    selected,
    chart,
    comparison,
  };
}

// ---- the GIL -----------------------------------------------------------------------------------

export function gilView(trace: TraceOf<'gil'>) {
  const rows = gilFigures(trace).map((figures, i) => ({
    ...figures,
    run: trace.runs[i] as TraceOf<'gil'>['runs'][number],
  }));
  // The interpreter's own setting first: what a reader's program runs with unless it changes it.
  const main = rows.find((row) => row.switchIntervalMs === trace.meta.switchIntervalMs) ?? rows[0];
  if (!main) throw new Error('the GIL trace has no runs');
  const others = rows.filter((row) => row !== main);
  const { run } = main;
  const gaps: RecordedGap[] = [];
  for (const window of [run.idle, run.busy]) {
    // The windows keep every interval in order; laid end to end from the window's start they place
    // each gap to within one heartbeat.
    let at = window.fromMs;
    for (const gapMs of window.heartbeatGapsMs) {
      if (gapMs > STALL_THRESHOLD_MS) gaps.push({ atMs: at, gapMs });
      at += gapMs;
    }
  }
  const chart: RecordingChartSpec = {
    fromMs: 0,
    toMs: run.busy.toMs + 200,
    gaps,
    spans: [
      { fromMs: run.idle.fromMs, toMs: run.idle.toMs, label: 'idle' },
      { fromMs: run.busy.fromMs, toMs: run.busy.toMs, label: 'worker thread computing' },
    ],
  };
  return { meta: trace.meta, main, others, chart };
}

// ---- dedicated loop ----------------------------------------------------------------------------

export const METHOD_LABELS = {
  after: 'root.after(0, …)',
  event: "event_generate('<<…>>', when='tail')",
} as const;

export function dedicatedView(
  trace: TraceOf<'dedicated'>,
  shutdown: TraceOf<'shutdown'> | null,
  live: StrategyFigures | null,
) {
  const rows = dedicatedFigures(trace).map((figures, i) => {
    const run = trace.runs[i] as TraceOf<'dedicated'>['runs'][number];
    return {
      ...figures,
      run,
      expected: run.expected,
      worked: figures.delivered === run.expected && !run.process.timedOut,
    };
  });
  const main = rows.find((row) => row.method === 'after') ?? rows[0];
  if (!main) throw new Error('the dedicated trace has no runs');
  const { run } = main;
  // Only the stream's stretch of heartbeat is kept, and its start is not: the chart counts from
  // the stream's start when nothing stalled, and from just before the first gap otherwise.
  const streamMs = ((run.expected - 1) / run.rate) * 1000;
  const firstGap = run.heartbeatStalls[0]?.[0];
  const fromMs = firstGap === undefined ? 0 : Math.max(0, firstGap - 100);
  const chart: RecordingChartSpec = {
    fromMs,
    toMs: fromMs + streamMs,
    gaps: gapsOf(run.heartbeatStalls),
  };
  const closing = shutdown
    ? shutdownFigures(shutdown).map((figures, i) => {
        const closed = shutdown.runs[i] as TraceOf<'shutdown'>['runs'][number];
        return {
          ...figures,
          timeoutMs: closed.process.timeoutMs,
          pending: closed.tasksPendingAfterMainloop,
          loopRunning: closed.loopRunningAfterMainloop,
          cleanupRan: closed.taskCleanupRan,
        };
      })
    : null;
  const how = main.method === 'after' ? 'with after(0)' : 'with event_generate';
  const comparison: RecordedVsLiveRow[] = [
    ...deliveryRows(main.latencyMs, how, live),
    {
      label: 'Wake-ups per second while idle',
      tk: formatRate(main.wakeupsPerS),
      live: liveRate(live),
    },
    {
      label: 'Longest stall',
      tk: stallText(main.longestStallMs),
      live: liveMs(live, live?.longestStall ?? null),
    },
  ];
  return { meta: trace.meta, rows, main, chart, closing, comparison };
}

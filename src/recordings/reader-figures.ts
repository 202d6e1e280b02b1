/**
 * One headline figure per recorded run, the project's beside a reader's: the table of the "Your
 * machine" section, which covers every trace (the panels' own recorded views show the reader's
 * traces in full). Figures are recomputed from the raw samples (summarizeRun, trace-figures.ts),
 * never read from the summary a file carries.
 */
import { formatRate, formatRecordedMs } from '../format/format';
import { summarizeRun } from '../tk-traces/trace-figures';
import {
  TRACE_IDS,
  type ReaderRecording,
  type RunByTrace,
  type TraceId,
  type TraceOf,
} from '../tk-traces/trace-types';

/** One run's headline: `key` names the run the same way on every machine. */
interface Headline {
  key: string;
  figure: string;
}

/** A row of the table: the run, and its headline in each recording ("not recorded" where absent). */
export interface HeadlineRow {
  trace: TraceId;
  run: string;
  ours: string;
  yours: string;
}

export const NOT_RECORDED = 'not recorded';

const ms = formatRecordedMs;

function headline<K extends TraceId>(trace: K, run: RunByTrace[K]): Headline {
  if (trace === 'blocking') {
    const b = run as RunByTrace['blocking'];
    const s = summarizeRun('blocking', b);
    return {
      key: `${b.kind} task, D = ${ms(b.durationMs)}`,
      figure: `frozen ${ms(s.mergedStallMs)} (${s.runs} runs)`,
    };
  }
  if (trace === 'polling') {
    const p = run as RunByTrace['polling'];
    const s = summarizeRun('polling', p);
    return {
      key: `P = ${ms(p.pollMs)}`,
      figure: `latency median ${ms(s.latencyMs.p50)}, ${formatRate(s.wakeupsPerS)} idle`,
    };
  }
  if (trace === 'gil') {
    const g = run as RunByTrace['gil'];
    const s = summarizeRun('gil', g);
    return {
      key: `CPU thread, switch interval ${ms(g.switchIntervalMs)}`,
      figure: `click delay median ${ms(s.busy.clickDelayMs.p50)} (idle ${ms(s.idle.clickDelayMs.p50)})`,
    };
  }
  if (trace === 'dedicated') {
    const d = run as RunByTrace['dedicated'];
    const s = summarizeRun('dedicated', d);
    return { key: `delivered with ${d.method}`, figure: `latency median ${ms(s.latencyMs.p50)}` };
  }
  if (trace === 'shutdown') {
    const d = run as RunByTrace['shutdown'];
    const s = summarizeRun('shutdown', d);
    return {
      key: d.variant,
      figure:
        s.outcome === 'hang' ? 'hung (killed)' : `exited ${ms(s.endedAfterCloseMs)} after close`,
    };
  }
  if (trace === 'thread-call') {
    const t = run as RunByTrace['thread-call'];
    return { key: t.variant, figure: `${t.outcome} after ${ms(t.callMs)}` };
  }
  if (trace === 'deadlock') {
    const d = run as RunByTrace['deadlock'];
    const s = summarizeRun('deadlock', d);
    return {
      key: 'wait on a future in a callback',
      figure: s.deadlocked
        ? `deadlocked (seen ${ms(s.detectedAfterPressMs)} after Run)`
        : 'no deadlock',
    };
  }
  if (trace === 'mistakes') {
    const m = run as RunByTrace['mistakes'];
    const s = summarizeRun('mistakes', m);
    return {
      key: m.variant,
      figure: `${s.threadErrors} thread error(s), window after ${ms(s.windowAppearsAfterMs)}`,
    };
  }
  if (trace === 'offered') {
    const o = run as RunByTrace['offered'];
    const s = summarizeRun('offered', o);
    const ended = s.exitCode === null ? s.outcome : `${s.outcome}, status ${s.exitCode}`;
    return {
      key: `${o.variant}, ${o.form}`,
      figure: `${ended}; longest stall ${ms(s.longestStallMs)}`,
    };
  }
  if (trace === 'one-thread-guest') {
    const g = run as RunByTrace['one-thread-guest'];
    const s = summarizeRun('one-thread-guest', g);
    const figure = {
      idle: `${formatRate(s.wakeupsPerS)} idle`,
      clicks: `click median ${ms(s.latencyMs.p50)}, its Trio task ${ms(s.taskLatencyMs.p50)}`,
      sleeps: `sleep resumed late by median ${ms(s.latencyMs.p50)}`,
      chain: `${formatRate(s.stepsPerS)} sleep(0) steps`,
      'chain-trio-run': `${formatRate(s.stepsPerS)} sleep(0) steps under trio.run`,
      compute: `stalled Tk ${ms(s.longestStallMs)}`,
      dialog: `Trio paused ${ms(s.trioLongestGapMs)} in a dialog`,
    }[g.variant];
    return { key: g.variant, figure };
  }
  if (trace === 'freeze-finder') {
    const f = run as RunByTrace['freeze-finder'];
    const s = summarizeRun('freeze-finder', f);
    return {
      key: `freeze finder on ${f.variant}`,
      figure: s.named
        ? `printed ${ms(s.printedAfterClickMs)} after the click, naming line ${s.named.line}`
        : 'named no line of the mistake',
    };
  }
  const o = run as RunByTrace['one-thread'];
  const s = summarizeRun('one-thread', o);
  const key = `${o.variant}${o.pollMs !== null ? `, P = ${ms(o.pollMs)}` : ''}`;
  const figure = {
    idle: `${formatRate(s.wakeupsPerS)} idle`,
    'mainloop-idle': `${ms(s.cpuMsPerS)} CPU per s idle`,
    clicks: `click median ${ms(s.latencyMs.p50)}`,
    chunked: `click median ${ms(s.latencyMs.p50)}`,
    compute: `stalled Tk ${ms(s.longestStallMs)}`,
    dialog: `asyncio paused ${ms(s.asyncioLongestGapMs)}`,
    'dedicated-dialog': `longest delivery gap ${ms(s.deliveryLongestGapMs)}`,
  }[o.variant];
  return { key, figure };
}

function headlines(trace: TraceOf<TraceId> | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!trace) return out;
  for (const run of trace.runs) {
    const { key, figure } = headline(trace.trace, run);
    // Runs repeated with the same options (none today) keep the first.
    if (!out.has(key)) out.set(key, figure);
  }
  return out;
}

/**
 * Every run either recording has, one row each, ours first then the reader's own extras.
 * `ours` holds the project's traces that loaded (a trace that failed to load reads "not recorded").
 */
export function headlineRows(
  ours: Partial<Record<TraceId, TraceOf<TraceId>>>,
  yours: ReaderRecording,
): HeadlineRow[] {
  return TRACE_IDS.flatMap((id) => {
    const a = headlines(ours[id]);
    const b = headlines(yours.traces[id] as TraceOf<TraceId> | undefined);
    const keys = [...a.keys(), ...[...b.keys()].filter((key) => !a.has(key))];
    return keys.map((run) => ({
      trace: id,
      run,
      ours: a.get(run) ?? NOT_RECORDED,
      yours: b.get(run) ?? NOT_RECORDED,
    }));
  });
}

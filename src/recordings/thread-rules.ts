/**
 * The rules of which thread may call what, as `python/thread-rules.json` writes them once, turned
 * into what the page shows: each rule with its evidence, and each recording cited by the figure
 * the recording holds (read from the trace, never typed into the rules' text).
 */
import { formatRecordedMs } from '../format/format';
import { summarizeTrace } from '../tk-traces/trace-figures';
import { TRACE_IDS, type TraceId, type TraceOf } from '../tk-traces/trace-types';

export type Evidence =
  | {
      kind: 'recording';
      file: string;
      scenario: string;
      run: Record<string, string | number | boolean>;
      figure: string;
      shows: string;
    }
  | { kind: 'source'; repository: string; path: string; symbol: string; shows: string }
  | { kind: 'docs' | 'issue'; url: string; shows: string };

export interface ThreadRule {
  id: string;
  /** `threaded`: holds with a threaded Tcl only (tkinter forwards calls); `any`: with every build. */
  tcl: 'threaded' | 'any';
  rule: string;
  evidence: Evidence[];
}

export interface ThreadRules {
  about: string;
  scope: string;
  check: { code: string; means: string };
  rules: ThreadRule[];
}

/** One piece of evidence as the page lists it. */
export type ShownEvidence =
  | {
      kind: 'recording';
      trace: TraceId | null;
      file: string;
      shows: string;
      /** The cited figure as text ("0.5 ms"), or null until its trace is loaded or if absent. */
      value: string | null;
    }
  | { kind: 'link'; href: string; label: string; shows: string };

/** The trace a rule cites by its file (`src/tk-traces/thread-call.json` → `thread-call`). */
export function traceOf(file: string): TraceId | null {
  const name = /([^/]+)\.json$/.exec(file)?.[1] ?? '';
  return (TRACE_IDS as readonly string[]).includes(name) ? (name as TraceId) : null;
}

/** Reads `path` ("summary.callMs", "tkStall.longestHandoffMs") from the first matching run. */
export function citedFigure(
  trace: { runs: readonly object[] } | undefined,
  run: Record<string, unknown>,
  path: string,
): unknown {
  const match = trace?.runs.find((r) =>
    Object.entries(run).every(([key, value]) => (r as Record<string, unknown>)[key] === value),
  );
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value !== null && typeof value === 'object'
          ? (value as Record<string, unknown>)[key]
          : undefined,
      match,
    );
}

/**
 * A figure as the page writes it: times (a path with a segment named …Ms, as in `handoffMs.p50`)
 * in ms, a list of them joined, yes or no for a flag, anything else as it is.
 */
export function formatFigure(path: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const isTime = path.split('.').some((segment) => /Ms$/.test(segment));
  const one = (v: unknown) =>
    typeof v === 'number' && isTime
      ? formatRecordedMs(v)
      : typeof v === 'boolean'
        ? v
          ? 'yes'
          : 'no'
        : String(v);
  return Array.isArray(value) ? value.map(one).join(', ') : one(value);
}

/**
 * A rule's evidence as the page lists it.
 *
 * @param evidence the rule's citations, as written in thread-rules.json
 * @param traces the traces loaded so far, by id (a recording whose trace is missing shows no figure)
 */
export function showEvidence(
  evidence: readonly Evidence[],
  traces: Partial<Record<TraceId, { runs: readonly object[] }>>,
): ShownEvidence[] {
  return evidence.map((e) => {
    if (e.kind === 'recording') {
      const trace = traceOf(e.file);
      const value = trace ? citedFigure(traces[trace], e.run, e.figure) : undefined;
      return {
        kind: 'recording',
        trace,
        file: e.file.replace(/^.*\//, ''),
        shows: e.shows,
        value: formatFigure(e.figure, value),
      };
    }
    if (e.kind === 'source')
      return {
        kind: 'link',
        href: `https://github.com/${e.repository}/blob/main/${e.path}`,
        label: `${e.path}, ${e.symbol}`,
        shows: e.shows,
      };
    return {
      kind: 'link',
      href: e.url,
      label: e.kind === 'docs' ? 'the docs' : 'the report',
      shows: e.shows,
    };
  });
}

/** Every trace the rules cite, to load with them. */
export function citedTraces(rules: readonly ThreadRule[]): TraceId[] {
  const ids = new Set<TraceId>();
  for (const rule of rules)
    for (const e of rule.evidence) {
      const id = e.kind === 'recording' ? traceOf(e.file) : null;
      if (id) ids.add(id);
    }
  return [...ids];
}

/**
 * A trace as the rules cite it: each run with its `summary` recomputed from its raw samples
 * (summarizeTrace), so that a figure cited from a reader's file is derived exactly as ours is, and
 * never read from a summary the file carries.
 */
export function citable<K extends TraceId>(trace: TraceOf<K>): { runs: readonly object[] } {
  const summaries = summarizeTrace(trace);
  return { runs: trace.runs.map((run, i) => ({ ...run, summary: summaries[i] })) };
}

/** Every trace of a reader's recording, citable (the traces it lacks are left out). */
export function citableAll(traces: {
  [K in TraceId]?: TraceOf<K>;
}): Partial<Record<TraceId, { runs: readonly object[] }>> {
  const out: Partial<Record<TraceId, { runs: readonly object[] }>> = {};
  for (const id of TRACE_IDS) {
    const trace = traces[id];
    if (trace) out[id] = citable(trace as TraceOf<typeof id>);
  }
  return out;
}

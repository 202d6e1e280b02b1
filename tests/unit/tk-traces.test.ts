import { describe, expect, it } from 'vitest';
import {
  TOLERANCES,
  TRACE_IDS,
  type TkTrace,
  type TraceId,
  type TraceOf,
} from '../../src/tk-traces/trace-types';
import {
  blockingFigures,
  dedicatedFigures,
  distribution,
  freezeFinderFigures,
  pollingFigures,
  round1,
  shutdownFigures,
  summarizeTrace,
} from '../../src/tk-traces/trace-figures';
import {
  blockingLine,
  freezeFinderProblems,
  parseTkTrace,
  validateTkTrace,
} from '../../src/tk-traces/trace-checks';

// Every committed trace and strategy file, read the way the app bundles them.
const rawTraces = import.meta.glob<unknown>('../../src/tk-traces/*.json', {
  eager: true,
  import: 'default',
});
const strategySources = import.meta.glob<string>('../../python/strategies/*.py', {
  eager: true,
  query: '?raw',
  import: 'default',
});
const mistakeSources = import.meta.glob<string>('../../python/mistakes/*.py', {
  eager: true,
  query: '?raw',
  import: 'default',
});

const byName = (modules: Record<string, unknown>) =>
  new Map(Object.entries(modules).map(([file, value]) => [file.split('/').at(-1) ?? file, value]));
const traceJson = byName(rawTraces);
const files = [...traceJson.keys()].sort();
const traces = new Map<string, TkTrace>(
  files.map((file) => [file, parseTkTrace(traceJson.get(file))]),
);

function readJson(file: string): unknown {
  return structuredClone(traceJson.get(file));
}

function committed<K extends TraceId>(id: K): TraceOf<K> {
  const trace = traces.get(`${id}.json`);
  if (!trace || trace.trace !== id) throw new Error(`no committed ${id}.json`);
  return trace as TraceOf<K>;
}

describe('committed Tk traces', () => {
  it('has one trace file per scenario family, each named after its trace id', () => {
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual([...TRACE_IDS].sort());
    for (const [file, trace] of traces) expect(file).toBe(`${trace.trace}.json`);
  });

  it.each(files)('%s validates against the schema', (file) => {
    expect(validateTkTrace(readJson(file))).toEqual([]);
  });

  it.each(files)(
    '%s: every stored summary equals the one recomputed from the raw samples',
    (file) => {
      const trace = traces.get(file) as TkTrace;
      const recomputed = summarizeTrace(trace as TraceOf<typeof trace.trace>);
      expect(recomputed).toEqual(trace.runs.map((run) => run.summary));
    },
  );

  it('says which Python and Tk it recorded, on which machine, and how input was made', () => {
    for (const trace of traces.values()) {
      expect(trace.meta.python).toMatch(/^3\.\d+\.\d+/);
      expect(trace.meta.tk).toMatch(/^\d+\.\d+\.\d+$/);
      expect(trace.meta.machine.cores).toBeGreaterThan(0);
      expect(trace.meta.quick).toBe(false);
    }
    expect(committed('blocking').meta.injection).toBe('xtest');
    expect(committed('gil').meta.injection).toBe('xtest');
  });

  it('shows the physics the app claims, within the documented tolerances', () => {
    for (const run of blockingFigures(committed('blocking'))) {
      for (const ms of run.runMs)
        expect(Math.abs(ms - run.durationMs)).toBeLessThanOrEqual(
          TOLERANCES.blockingStall * run.durationMs,
        );
      const merged = run.runs * run.durationMs;
      expect(Math.abs(run.mergedStallMs - merged)).toBeLessThanOrEqual(
        TOLERANCES.blockingStall * merged,
      );
    }
    const [low, high] = TOLERANCES.pollMedian;
    for (const run of pollingFigures(committed('polling'))) {
      expect(run.latencyMs.p50).toBeGreaterThanOrEqual(low * run.pollMs);
      expect(run.latencyMs.p50).toBeLessThanOrEqual(high * run.pollMs);
    }
    for (const run of dedicatedFigures(committed('dedicated'))) {
      expect(run.latencyMs.p50).toBeLessThan(TOLERANCES.eventMedianMs);
    }
    const outcomes = Object.fromEntries(
      shutdownFigures(committed('shutdown')).map((r) => [r.variant, r.outcome]),
    );
    expect(outcomes).toEqual({ 'never-stopped': 'hang', daemon: 'exited', 'stop-join': 'exited' });
  });

  it('orders the polling figures by poll interval', () => {
    const polls = pollingFigures(committed('polling')).map((r) => r.pollMs);
    expect(polls).toEqual([...polls].sort((a, b) => a - b));
  });
});

describe('summary arithmetic', () => {
  it('uses nearest-rank percentiles', () => {
    expect(distribution([])).toEqual({ n: 0, p50: null, p95: null, max: null });
    expect(distribution([3, 1, 2]).p50).toBe(2);
    expect(distribution([1, 2, 3, 4])).toMatchObject({ p50: 2, p95: 4 });
    expect(distribution([5, 1, 9])).toEqual({ n: 3, p50: 5, p95: 9, max: 9 });
  });

  it('rounds halves up to 0.1, like the recorder', () => {
    expect(round1(0.25)).toBe(0.3);
    expect(round1(500.29999999999995)).toBe(500.3);
    expect(round1(-0.04)).toBe(0);
    expect(round1(12.35)).toBe(12.4);
  });
});

describe('validateTkTrace', () => {
  const good = readJson('polling.json');
  const copy = (): Record<string, unknown> => structuredClone(good) as Record<string, unknown>;
  const firstRun = (trace: Record<string, unknown>): Record<string, unknown> =>
    (trace.runs as Record<string, unknown>[])[0] as Record<string, unknown>;

  it('accepts the committed trace it is given', () => {
    expect(validateTkTrace(good)).toEqual([]);
  });

  it('rejects what is not a trace at all', () => {
    expect(validateTkTrace(null)).not.toEqual([]);
    expect(validateTkTrace([])).not.toEqual([]);
    expect(validateTkTrace('trace')).not.toEqual([]);
  });

  it('rejects an unknown trace id or schema version', () => {
    const unknown = copy();
    unknown.trace = 'spinner';
    expect(validateTkTrace(unknown).join('\n')).toMatch(/^trace: expected one of/);
    const version = copy();
    version.schema = 2;
    expect(validateTkTrace(version).join('\n')).toMatch(/schema: expected 1/);
  });

  it('names a missing field with its path', () => {
    const trace = copy();
    delete firstRun(trace).latencyMs;
    expect(validateTkTrace(trace)).toContain('runs[0].latencyMs: missing');
  });

  it('rejects a sample of the wrong type', () => {
    const trace = copy();
    (firstRun(trace).latencyMs as unknown[])[2] = '12.5';
    expect(validateTkTrace(trace)).toContain(
      'runs[0].latencyMs[2]: expected a number ≥ 0, got "12.5"',
    );
  });

  it('rejects a broken summary and an unexpected field', () => {
    const trace = copy();
    const run = firstRun(trace);
    (run.summary as Record<string, unknown>).latencyMs = {
      n: 1,
      p50: 'fast',
      p95: null,
      max: null,
    };
    run.extra = true;
    const problems = validateTkTrace(trace);
    expect(problems).toContain('runs[0].summary.latencyMs.p50: expected a number, got "fast"');
    expect(problems).toContain('runs[0].extra: unexpected field');
  });

  it('rejects meta without the Tcl facts', () => {
    const trace = copy();
    delete (trace.meta as Record<string, unknown>).tclThreaded;
    expect(validateTkTrace(trace)).toContain('meta.tclThreaded: missing');
  });

  it('rejects a run that belongs to another trace', () => {
    const trace = copy();
    trace.runs = (readJson('blocking.json') as { runs: unknown[] }).runs;
    expect(validateTkTrace(trace).length).toBeGreaterThan(0);
  });

  it('parseTkTrace throws with every problem listed', () => {
    const trace = copy();
    delete trace.meta;
    expect(() => parseTkTrace(trace)).toThrow(/meta: expected an object/);
  });
});

describe("validateTkTrace on the offered files' recording", () => {
  const broken = () =>
    structuredClone(readJson('offered.json')) as { runs: Record<string, unknown>[] };

  it('accepts the committed offered.json and every thread-call variant', () => {
    expect(validateTkTrace(readJson('offered.json'))).toEqual([]);
    expect(committed('thread-call').runs.map((r) => r.variant)).toContain('after-close');
  });

  it('refuses an offered run with an unknown form, a broken Tk call or a wrong outcome, naming each', () => {
    const trace = broken();
    const [run] = trace.runs;
    if (!run) throw new Error('offered.json has no run');
    run.form = 'sketch';
    run.tkCallsFromThreads = [[1, 'Thread-1', 'after', 'slow', 'ok']];
    (run.summary as Record<string, unknown>).outcome = 'crashed';
    delete run.steps;
    const problems = validateTkTrace(trace);
    expect(problems).toContain(
      'runs[0].form: expected one of mistake, fix, strategy, recommended, got "sketch"',
    );
    expect(problems).toContain(
      'runs[0].tkCallsFromThreads[0][3]: expected a number ≥ 0, got "slow"',
    );
    expect(problems).toContain(
      'runs[0].summary.outcome: expected one of hang, aborted, killed, exited, got "crashed"',
    );
    expect(problems).toContain('runs[0].steps: missing');
  });
});

describe('phase markers in the Python the panels show', () => {
  const PHASES: Record<string, readonly string[]> = {
    'blocking.py': ['submitted', 'running', 'delivered'],
    'queue_polling.py': ['submitted', 'running', 'result-queued', 'polled', 'delivered'],
    'dedicated_loop.py': ['submitted', 'running', 'progress', 'delivered', 'cancelled', 'stopped'],
    // The same names as ONE_THREAD_PHASES in src/strategies/phases.ts.
    'one_thread.py': ['submitted', 'running', 'drained', 'dialog'],
    // The same names as GUEST_PHASES in src/strategies/phases.ts.
    'one_thread_guest.py': ['submitted', 'running', 'handed-off', 'dialog'],
  };
  const OPEN = /^\s*#\s*\[phase ([a-z][a-z-]*)\]\s*$/;
  const CLOSE = /^\s*#\s*\[\/phase\]\s*$/;

  it.each(Object.entries(PHASES))(
    '%s marks every phase, in blocks that close and do not nest',
    (file, phases) => {
      const source = byName(strategySources).get(file);
      expect(typeof source, `python/strategies/${file}`).toBe('string');
      const lines = String(source).split('\n');
      const seen = new Set<string>();
      let open: string | null = null;
      lines.forEach((line, i) => {
        const start = OPEN.exec(line);
        if (start) {
          expect(open, `${file}:${i + 1} opens "${start[1]}" inside "${open}"`).toBeNull();
          open = start[1] ?? null;
          if (open) seen.add(open);
        } else if (CLOSE.test(line)) {
          expect(open, `${file}:${i + 1} closes a phase that is not open`).not.toBeNull();
          open = null;
        } else {
          expect(line, `${file}:${i + 1} looks like a malformed marker`).not.toMatch(
            /#\s*\[\/?phase/,
          );
        }
      });
      expect(open).toBeNull();
      expect([...seen].sort()).toEqual([...phases].sort());
    },
  );
});

describe('the freeze finder, recorded against two mistakes', () => {
  const mistakes = new Map(
    Object.entries(mistakeSources).map(([file, text]) => [
      `python/mistakes/${file.split('/').at(-1) ?? file}`,
      text,
    ]),
  );
  const source = (script: string) => mistakes.get(script);
  const tampered = () => structuredClone(committed('freeze-finder'));

  it('names each mistake file’s blocking line, as the file reads now, while Tk was frozen', () => {
    const trace = committed('freeze-finder');
    expect(freezeFinderProblems(trace, source)).toEqual([]);
    const figures = freezeFinderFigures(trace);
    expect(figures.map((f) => f.variant).sort()).toEqual(['blocking-call', 'wait-on-future']);
    for (const f of figures) {
      const text = source(f.script) ?? '';
      expect(f.named?.line).toBe(
        blockingLine(text, f.variant === 'blocking-call' ? 'time.sleep(1)' : 'future.result()'),
      );
      expect(f.stack).toContain(
        `  File "${f.script}", line ${f.named?.line}, in ${f.named?.function}`,
      );
    }
    const blocking = figures.find((f) => f.variant === 'blocking-call');
    expect(blocking?.freezeEnded).toBe(true);
    expect(figures.find((f) => f.variant === 'wait-on-future')?.freezeEnded).toBe(false);
  });

  it('refuses a printout that names another line, or other text, or nothing', () => {
    const moved = tampered();
    const run = moved.runs[0]!;
    const at = run.printed.findIndex(
      ([, line]) => line.startsWith(`  File "${run.script}", line `) && !line.endsWith('in main'),
    );
    const [ms, line] = run.printed[at]!;
    run.printed[at] = [ms, line.replace(/line (\d+)/, (_, n: string) => `line ${Number(n) + 1}`)];
    expect(freezeFinderProblems(moved, source).join('\n')).toMatch(
      /names line \d+, the blocking call is line \d+/,
    );

    const edited = tampered();
    const other = edited.runs[0]!;
    const text = other.printed.findIndex(([, l]) => l.includes('# MISTAKE'));
    other.printed[text] = [other.printed[text]![0], '    pass'];
    expect(freezeFinderProblems(edited, source).join('\n')).toMatch(
      /printed as "pass", the file has/,
    );

    const silent = tampered();
    silent.runs[0]!.printed = [];
    expect(freezeFinderProblems(silent, source).join('\n')).toMatch(
      /names no line of python\/mistakes/,
    );
    expect(freezeFinderProblems(committed('freeze-finder'), () => undefined)[0]).toMatch(/no file/);
  });

  it('refuses a printout made after the freeze, or a freeze the tool mismeasured', () => {
    const late = tampered();
    const run = late.runs.find((r) => r.variant === 'blocking-call')!;
    run.printed = run.printed.map(([ms, line]) => [ms + 5000, line]);
    expect(freezeFinderProblems(late, source).join('\n')).toMatch(
      /not within the [\d.]+ ms freeze/,
    );
    const wrong = tampered();
    const again = wrong.runs.find((r) => r.variant === 'blocking-call')!;
    again.printed = again.printed.map(([ms, line]) => [
      ms,
      line.replace(/ran again after \d+ ms/, 'ran again after 5 ms'),
    ]);
    expect(freezeFinderProblems(wrong, source).join('\n')).toMatch(/the tool said 5 ms/);
  });
});

describe('a trace’s input method against how its runs were made', () => {
  it('names XTEST for every committed trace with a clicked run, guest mode included', () => {
    // Guest mode's clicks run used XTEST among runs without input; its meta once said "none".
    expect(committed('one-thread-guest').meta.injection).toBe('xtest');
    expect(committed('one-thread').meta.injection).toBe('xtest');
    for (const trace of traces.values()) expect(validateTkTrace(trace)).toEqual([]);
  });

  it('refuses a trace whose meta says no clicks while a run was clicked', () => {
    const guest = readJson('one-thread-guest.json') as { meta: { injection: string } };
    guest.meta.injection = 'none';
    const clicked = committed('one-thread-guest').runs.findIndex((r) => r.variant === 'clicks');
    expect(validateTkTrace(guest)).toEqual([
      `meta.injection: "none", but runs[${clicked}] (clicks) was clicked: expected xtest or event_generate`,
    ]);
    const blocking = readJson('blocking.json') as { meta: { injection: string } };
    blocking.meta.injection = 'invoke';
    expect(validateTkTrace(blocking)).toEqual([
      'meta.injection: "invoke", but runs[0] was clicked: expected xtest or event_generate',
    ]);
  });

  it('refuses a trace that claims clicks none of its runs had', () => {
    const polling = readJson('polling.json') as { meta: { injection: string } };
    polling.meta.injection = 'xtest';
    expect(validateTkTrace(polling)).toEqual([
      'meta.injection: "xtest", but no run was clicked: expected invoke or none',
    ]);
  });
});

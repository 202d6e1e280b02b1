/**
 * The recordings of the offered Python files (src/tk-traces/offered.json): each mistake must behave
 * as a mistake beside its fix. The stored summaries are checked against the recomputation in
 * trace-figures.ts by tk-traces.test.ts, with every other trace; here the figures come from that
 * same recomputation, never from the stored summary.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import offeredJson from '../../src/tk-traces/offered.json';
import threadCallJson from '../../src/tk-traces/thread-call.json';
import { parseTkTrace } from '../../src/tk-traces/trace-checks';
import { summarizeRun } from '../../src/tk-traces/trace-figures';
import type { OfferedRun, TraceOf } from '../../src/tk-traces/trace-types';

const offered = parseTkTrace(offeredJson) as TraceOf<'offered'>;
const threadCall = parseTkTrace(threadCallJson) as TraceOf<'thread-call'>;

const figures = (run: OfferedRun) => summarizeRun('offered', run);

function find(variant: string, form: OfferedRun['form']): OfferedRun {
  const run = offered.runs.find((r) => r.variant === variant && r.form === form);
  if (!run) throw new Error(`offered.json has no ${variant} ${form} run`);
  return run;
}

describe('recordings of the offered Python files', () => {
  it('is a full recording with a threaded Tcl, of files that exist with the header recorded', () => {
    expect(offered.trace).toBe('offered');
    expect(offered.meta.quick).toBe(false);
    expect(offered.meta.tclThreaded).toBe(true);
    for (const run of offered.runs) {
      expect(existsSync(run.script), run.script).toBe(true);
      const header = readFileSync(run.script, 'utf8').split('\n')[1];
      expect(header, run.script).toBe(`# two-loops: expect=${run.expect}`);
    }
  });

  it('every recorded file did what its header says', () => {
    for (const run of offered.runs) {
      const f = figures(run);
      const [first = '', ...more] = run.expect.split(';').map((part) => part.trim());
      const raises = [first, ...more].filter((p) => p.startsWith('raises ')).map((p) => p.slice(7));
      if (first === 'exit-0') expect([f.outcome, f.exitCode], run.script).toEqual(['exited', 0]);
      if (first === 'aborts') expect(f.outcome, run.script).toBe('aborted');
      if (first.startsWith('raises')) expect(f.outcome, run.script).toBe('exited');
      for (const error of raises)
        expect(
          f.printed.some((line) => line.startsWith(`${error}: `)),
          run.script,
        ).toBe(true);
    }
  });

  it('close while a task runs, program continues: the faulty form aborts, every fixed form exits', () => {
    const mistake = figures(find('close-while-running', 'mistake'));
    expect(mistake.outcome).toBe('aborted');
    expect(find('close-while-running', 'mistake').process.signal).toBe('SIGABRT');
    expect(mistake.printed).toEqual(['Tcl_AsyncDelete: async handler deleted by the wrong thread']);
    for (const form of ['fix', 'strategy', 'recommended'] as const) {
      const fixed = figures(find('close-while-running', form));
      expect([form, fixed.outcome, fixed.exitCode, fixed.printed]).toEqual([form, 'exited', 0, []]);
    }
  });

  it('a blocking call in a command freezes Tk for the call; in a thread it does not', () => {
    const mistake = figures(find('blocking-call', 'mistake'));
    const fix = figures(find('blocking-call', 'fix'));
    expect(mistake.longestStallMs).toBeGreaterThanOrEqual(900);
    expect(fix.longestStallMs).toBeLessThan(mistake.longestStallMs / 3);
    expect(mistake.lastLabel).toBe("the server's answer");
    expect(fix.lastLabel).toBe("the server's answer");
  });

  it('a loop run from a new thread per click: the second click fails; one loop thread runs both', () => {
    const mistake = find('loop-per-click', 'mistake');
    expect(mistake.threadErrors.map((e) => e.error)).toEqual([
      'RuntimeError: This event loop is already running',
    ]);
    expect(figures(find('loop-per-click', 'fix')).lastLabel).toBe('task 2: fetched');
  });

  it('a connection cached across per-worker loops fails on the second; one long-lived loop shares it', () => {
    const mistake = figures(find('client-first-loop', 'mistake'));
    expect(mistake.printed).toHaveLength(1);
    expect(mistake.printed[0]).toMatch(/^RuntimeError: .* attached to a different loop$/);
    expect(mistake.lastLabel).toMatch(/^task 2: failed: RuntimeError/);
    expect(figures(find('client-first-loop', 'fix')).lastLabel).toBe(
      'task 2: answer to question 2',
    );
  });

  it('Tk calls from a worker when Tk is not in mainloop() give up after about a second', () => {
    for (const variant of ['after-close', 'widget-from-thread']) {
      const run = find(variant, 'mistake');
      const [call] = run.tkCallsFromThreads;
      expect(call?.[4], variant).toBe('RuntimeError: main thread is not in main loop');
      expect(call?.[3], variant).toBeGreaterThanOrEqual(900);
      expect(call?.[3], variant).toBeLessThan(1500);
      expect(figures(find(variant, 'fix')).threadErrors, variant).toBe(0);
    }
    // After close, the worker then drops the last reference to the window: the process aborts.
    const afterCloseMistake = figures(find('after-close', 'mistake'));
    expect(afterCloseMistake.outcome).toBe('aborted');
    expect(afterCloseMistake.printed).toEqual([
      'RuntimeError: main thread is not in main loop',
      'Tcl_AsyncDelete: async handler deleted by the wrong thread',
    ]);
    expect(figures(find('widget-from-thread', 'fix')).lastLabel).toBe('step 5/5');
  });

  it('the recommended program completes a job, cancels one, shows a failure, and exits', () => {
    const done = figures(find('recommended', 'recommended'));
    expect(done.lastLabel).toMatch(/^done: \d+$/);
    const cancelled = find('recommended-cancel', 'recommended');
    expect(figures(cancelled).lastLabel).toBe('cancelled');
    // The label says so after Cancel was pressed, not at the end of the job.
    const pressed = cancelled.steps.find(([, step]) => step === 'press Cancel')?.[0] ?? NaN;
    const shown = cancelled.labelTexts.find(([, , text]) => text === 'cancelled')?.[0] ?? NaN;
    expect(shown - pressed).toBeGreaterThanOrEqual(0);
    expect(shown - pressed).toBeLessThan(500);
    const failed = figures(find('recommended-error', 'recommended'));
    expect(failed.lastLabel).toBe("failed: ValueError('failed on purpose')");
    for (const run of [done, figures(cancelled), failed])
      expect([run.outcome, run.exitCode, run.printed, run.threadErrors]).toEqual([
        'exited',
        0,
        [],
        0,
      ]);
  });

  it('thread-call after close: the forwarded after(0) raises after about a second', () => {
    const run = threadCall.runs.find((r) => r.variant === 'after-close');
    if (!run) throw new Error('thread-call.json has no after-close run');
    expect(run.summary).toEqual(summarizeRun('thread-call', run));
    expect(run.outcome).toBe('RuntimeError: main thread is not in main loop');
    expect(run.callMs).toBeGreaterThanOrEqual(900);
  });
});

import { describe, expect, it } from 'vitest';
import { BLOCKING_QUESTION, revealBlocking } from '../../src/panels/blocking/prediction';
import { overlapQuestion, revealOverlap } from '../../src/panels/dedicated/prediction';
import { oneThreadQuestion, revealOneThread } from '../../src/panels/one-thread/prediction';
import { revealSpinner, spinnerQuestion } from '../../src/panels/queue/prediction';
import { Prediction, type PredictionSources } from '../../src/panels/shared/prediction.svelte';

/** A panel stand-in: whether it has run, and what its run measured (null until it has). */
function fake(sources: Partial<PredictionSources<'a' | 'b'>> = {}) {
  const panel = { started: false, measured: null as number | null, setUp: [] as string[] };
  const prediction = new Prediction<'a' | 'b'>({
    question: () => ({
      text: 'Q?',
      choices: [
        { value: 'a', label: 'A' },
        { value: 'b', label: 'B' },
      ],
    }),
    started: () => panel.started,
    reveal: (answer) =>
      panel.measured === null ? null : `${answer ?? 'no answer'}: ${panel.measured}`,
    answered: (answer) => panel.setUp.push(answer),
    ...sources,
  });
  return { panel, prediction };
}

describe('Prediction', () => {
  it('asks until the first run, then waits for the run, then says what it measured', () => {
    const { panel, prediction } = fake();
    expect(prediction.stage).toBe('asking');
    prediction.choose('b');
    expect(prediction.answer).toBe('b');
    expect(panel.setUp).toEqual(['b']);
    // The stand-in's fields are not reactive: each later stage is a prediction of its own.
    const running = fake({ started: () => true });
    expect(running.prediction.stage).toBe('running');
    expect(running.prediction.reveal).toBeNull();
    const revealed = fake({ started: () => true, reveal: (a) => `${a ?? 'none'}: 4` });
    revealed.prediction.answer = 'a';
    expect(revealed.prediction.stage).toBe('revealed');
    expect(revealed.prediction.reveal).toBe('a: 4');
  });

  it('closes the question once the run has started: a later choice is ignored', () => {
    const { panel, prediction } = fake({ started: () => true });
    prediction.choose('a');
    expect(prediction.answer).toBeNull();
    expect(panel.setUp).toEqual([]);
  });

  it('reveals without an answer (Run pressed without choosing)', () => {
    const { prediction } = fake({ started: () => true, reveal: (a) => `${a ?? 'none'}: 1` });
    expect(prediction.reveal).toBe('none: 1');
  });

  it('says nothing more once skipped, even after the run measured', () => {
    const { prediction } = fake({ started: () => true, reveal: () => 'measured' });
    prediction.skip();
    expect(prediction.stage).toBe('skipped');
    expect(prediction.reveal).toBeNull();
  });
});

describe('Blocking: how many times does the command run?', () => {
  it('quotes the answer and names the measured runs and clicks', () => {
    expect(revealBlocking('once', { runs: 4, longestClickWaitMs: 2_100 }, 1_004)).toBe(
      'You said “Once”; the command ran 4 times: the browser kept the 3 clicks made during the freeze and ran the command once for each after it, as Tk does with clicks on a frozen window.',
    );
  });

  it('says when no click arrived during the freeze, with the run’s length', () => {
    expect(revealBlocking(null, { runs: 1, longestClickWaitMs: null }, 1_004)).toBe(
      "The command ran once: no click arrived while its run held this page, your Tk window's stand-in, frozen (1,004 ms). Click Run again while the page is frozen, and each click runs after it.",
    );
  });

  it('says nothing before a run', () => {
    expect(revealBlocking('four', null, null)).toBeNull();
    expect(BLOCKING_QUESTION.choices.map((c) => c.label)).toEqual(['Once', 'Twice', 'Four times']);
  });
});

describe('Queue: does the Tk thread’s stand-in keep turning?', () => {
  const how = 'The worker did it.';
  it('names the run’s length and the strategy’s 0 ms stall', () => {
    expect(revealSpinner('stops', { ranMs: 1_012, longestStall: 0, pageStall: null }, how)).toBe(
      'You said “It stops until the task ends”; it kept turning: in the 1,012 ms the run took, this strategy never froze this page, your Tk window’s stand-in, for 50 ms or more. The worker did it.'.replaceAll(
        '’',
        "'",
      ),
    );
  });

  it('keeps the page’s own work apart from the strategy', () => {
    const text = revealSpinner(null, { ranMs: 1_012, longestStall: 0, pageStall: 71 }, how);
    // The spinner did stop then: the answer does not say "it kept turning".
    expect(text).toMatch(/^This strategy never stopped it: in the 1,012 ms the run took/);
    expect(text).toContain("(the page's own work held it up to 71 ms)");
  });

  it('says so when the strategy did stall the main thread', () => {
    expect(
      revealSpinner('turns', { ranMs: 1_012, longestStall: 120, pageStall: null }, how),
    ).toMatch(/^You said “It keeps turning”; it stopped for up to 120 ms/);
  });

  it('asks about the form’s duration', () => {
    expect(spinnerQuestion(2_000).text).toContain('the 2,000 ms task');
    expect(revealSpinner('turns', null, how)).toBeNull();
  });
});

describe('Dedicated: do three wait tasks on one loop overlap?', () => {
  const wait = { tasks: 3, done: 3, kind: 'wait' as const, durationMs: 1_000 };
  it('finds them together: about D, not 3 × D', () => {
    expect(revealOverlap('all', { ...wait, tookMs: 1_013 })).toBe(
      'You said “After about 3,000 ms”; the last of your 3 wait tasks of 1,000 ms was done 1,013 ms after the loop had them: about 1,000 ms, not 3,000 ms; the one loop ran them together: while a task awaits, the loop runs the others.',
    );
  });

  it('quotes the choice as it was asked, with the D of the run that answered, whatever the form says now', () => {
    // A reader answered "After about 1,000 ms", ran, then set the duration to 2,000 ms and ran
    // again: the reveal still answers the first run, in the words they chose.
    expect(revealOverlap('one', { ...wait, tookMs: 1_001 })).toMatch(
      /^You said “After about 1,000 ms”; the last of your 3 wait tasks of 1,000 ms/,
    );
  });

  it('finds computing tasks one after another', () => {
    const text = revealOverlap('one', { ...wait, kind: 'cpu', tookMs: 3_050 }) as string;
    expect(text).toContain('about 3,000 ms, not 1,000 ms; the loop ran them one after another');
  });

  it('asks for more tasks when the run had one', () => {
    expect(revealOverlap(null, { ...wait, tasks: 1, done: 1, tookMs: 1_004 })).toBe(
      'Your run gave the loop 1 wait task of 1,000 ms: done after 1,004 ms. Give it 3 at once (Concurrent tasks) to see whether they overlap.',
    );
  });

  it('measures nothing when no task finished', () => {
    expect(revealOverlap(null, { ...wait, done: 0, tookMs: null })).toMatch(
      /^No task of that run finished/,
    );
    expect(revealOverlap('one', null)).toBeNull();
    expect(overlapQuestion(500).choices.map((c) => c.label)).toEqual([
      'After about 500 ms',
      'After about 1,500 ms',
    ]);
  });
});

describe('One thread: does the window keep redrawing?', () => {
  it('names the run and what kept Tk going, per mode', () => {
    const run = { ranMs: 1_020, longestStall: 0, pageStall: null };
    expect(revealOneThread('freezes', run, 'polling', 20)).toMatch(
      /^You said “It freezes until the task ends”; it kept redrawing: in the 1,020 ms the task took.*draining Tk's events every 20 ms\.$/,
    );
    expect(revealOneThread(null, run, 'guest', 20)).toMatch(/Trio's steps ran on the Tk thread/);
    expect(revealOneThread(null, { ...run, pageStall: 57 }, 'polling', 20)).toMatch(
      /^This strategy never froze it: .* by this strategy \(the page's own work held it up to 57 ms\)\./,
    );
  });

  it('says how long a task that does not await froze it', () => {
    expect(
      revealOneThread(
        'redraws',
        { ranMs: 1_020, longestStall: 1_003, pageStall: null },
        'polling',
        20,
      ),
    ).toMatch(/it froze for up to 1,003 ms: .*await asyncio\.sleep\(0\)/);
  });

  it('asks in the words of the mode shown', () => {
    expect(oneThreadQuestion(1_000, 'guest').text).toContain("Trio's loop runs a 1,000 ms task");
    expect(revealOneThread(null, null, 'polling', 20)).toBeNull();
  });
});

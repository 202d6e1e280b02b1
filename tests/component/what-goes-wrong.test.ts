import { formatRecordedMs } from '../../src/format/format';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { testServices } from './services';
import { afterEach, describe, expect, it, vi } from 'vitest';
import WhatGoesWrong from '../../src/recordings/WhatGoesWrong.svelte';
import blockingJson from '../../src/tk-traces/blocking.json';
import deadlockJson from '../../src/tk-traces/deadlock.json';
import mistakesJson from '../../src/tk-traces/mistakes.json';
import offeredJson from '../../src/tk-traces/offered.json';
import shutdownJson from '../../src/tk-traces/shutdown.json';
import threadCallJson from '../../src/tk-traces/thread-call.json';
import { blockingFigures } from '../../src/tk-traces/trace-figures';
import { parseTkTrace } from '../../src/tk-traces/trace-checks';
import { type TraceId, type TraceOf } from '../../src/tk-traces/trace-types';

// toHaveTextContent reads the page's no-break spaces as plain ones.
const ms = (value: number | null) => formatRecordedMs(value).replace(/\u00a0/g, ' ');
const trace = <K extends TraceId>(json: unknown) => parseTkTrace(json) as TraceOf<K>;
const mistakes = trace<'mistakes'>(mistakesJson);
const threadCall = trace<'thread-call'>(threadCallJson);
const shutdown = trace<'shutdown'>(shutdownJson);
const deadlock = trace<'deadlock'>(deadlockJson);
const blocking = trace<'blocking'>(blockingJson);
const offered = trace<'offered'>(offeredJson);

/** One recorded run of an offered file, read from the JSON the page loads. */
function offeredRun(variant: string, form: string) {
  const run = offered.runs.find((r) => r.variant === variant && r.form === form);
  if (!run) throw new Error(`offered.json has no ${variant} ${form} run`);
  return run;
}
const longestStall = (run: ReturnType<typeof offeredRun>) =>
  Math.max(0, ...run.heartbeatStalls.map(([, gap]) => gap));

const MISTAKES = [
  'asyncio-run',
  'asyncio-queue',
  'thread-call',
  'before-mainloop',
  'never-stopped',
  'deadlock',
  'close-while-running',
  'blocking-call',
  'loop-per-click',
  'client-first-loop',
  'after-close',
  'widget-from-thread',
];

/** The six mistakes recorded as offered files, each with its fixed file. */
const OFFERED_MISTAKES = MISTAKES.slice(6);

async function renderSection() {
  render(WhatGoesWrong, { context: testServices().context });
  const region = screen.getByRole('region', { name: 'What goes wrong' });
  // Every mistake has its evidence once the traces are in.
  await within(region).findAllByTestId('mistake-sees', {}, { timeout: 10_000 });
  await expect
    .poll(() => within(region).queryAllByTestId('mistake-sees').length, { timeout: 10_000 })
    .toBe(MISTAKES.length);
  return region;
}

function mistake(region: HTMLElement, id: string) {
  return within(region).getByTestId(`mistake-${id}`);
}

/** A mistake's evidence disclosure (why, what the user saw, what Python printed, the code). */
function evidence(article: HTMLElement): HTMLDetailsElement {
  return within(article).getByTestId('mistake-evidence') as HTMLDetailsElement;
}

/** Opens a mistake's evidence as a reader does, by its summary. */
async function openEvidence(user: ReturnType<typeof userEvent.setup>, article: HTMLElement) {
  await user.click(within(article).getByText(/^Why, and the recording under real Tk/));
  expect(evidence(article).open).toBe(true);
}

describe('WhatGoesWrong', () => {
  it('is a region named by its h2, listing every mistake as a symptom and a fix, its evidence one click away', async () => {
    const region = await renderSection();
    expect(within(region).getByRole('heading', { level: 2 })).toHaveTextContent('What goes wrong');
    expect(within(region).getAllByRole('article')).toHaveLength(MISTAKES.length);
    for (const id of MISTAKES) {
      const article = mistake(region, id);
      expect(within(article).getByRole('heading', { level: 3 })).toBeVisible();
      // What a reader scans: what happens and what to write instead, with the live panels.
      const summary = within(article).getByTestId('mistake-summary');
      expect(summary).toBeVisible();
      expect(summary).toHaveTextContent(/^What happens\s*\S.+Instead\s*\S.+ Live: .+\.$/);
      const links = within(summary).getAllByRole('link');
      expect(links.length).toBeGreaterThan(0);
      for (const link of links)
        expect(link.getAttribute('href')).toMatch(/^#(blocking|queue|dedicated)$/);
      // Everything else waits in the evidence disclosure, closed, and is all there.
      expect(evidence(article).open).toBe(false);
      expect(within(article).getByTestId('mistake-sees')).not.toBeVisible();
      expect(within(article).getByTestId('mistake-sees').textContent?.trim()).not.toBe('');
      expect(within(article).getByTestId('mistake-prints').textContent?.trim()).not.toBe('');
      expect(within(article).getByTestId('mistake-fix').textContent?.trim()).not.toBe('');
      expect(within(article).getByTestId('tk-meta')).toHaveTextContent(/CPython 3\.\d+\.\d+/);
      expect(within(article).getByTestId('tk-meta')).not.toBeVisible();
    }
    expect(
      within(mistake(region, 'asyncio-queue')).getByRole('link', { name: 'Queue' }),
    ).toHaveAttribute('href', '#queue');
    expect(
      within(mistake(region, 'deadlock')).getByRole('link', { name: 'Dedicated loop' }),
    ).toHaveAttribute('href', '#dedicated');
    expect(within(mistake(region, 'asyncio-run')).getByTestId('mistake-summary')).toHaveTextContent(
      /Live: Queue, Dedicated loop\.$/,
    );
    // Code in a summary line is code, and text that looks like markup stays text.
    const queueSummary = within(mistake(region, 'asyncio-queue')).getByTestId('mistake-summary');
    expect(queueSummary.querySelector('coroutine')).toBeNull();
    expect([...queueSummary.querySelectorAll('code')].map((c) => c.textContent)).toContain(
      '<coroutine object …>',
    );
  });

  it('opens and closes a mistake’s evidence by its summary', async () => {
    const user = userEvent.setup();
    const region = await renderSection();
    const article = mistake(region, 'deadlock');
    await openEvidence(user, article);
    expect(within(article).getByTestId('mistake-sees')).toBeVisible();
    expect(within(article).getByTestId('tk-meta')).toBeVisible();
    await user.click(within(article).getByText(/^Why, and the recording under real Tk/));
    expect(evidence(article).open).toBe(false);
    expect(within(article).getByTestId('mistake-sees')).not.toBeVisible();
  });

  it('asyncio.run() in a command: the merged freeze and the late clicks of the recording', async () => {
    const region = await renderSection();
    const row = blockingFigures(blocking).find((f) => f.kind === 'wait' && f.durationMs === 1000);
    const sees = within(mistake(region, 'asyncio-run')).getByTestId('mistake-sees');
    expect(sees).toHaveTextContent(ms(row?.mergedStallMs ?? -1));
    expect(sees).toHaveTextContent(ms(Math.max(...(row?.clickDelayMs ?? []))));
    expect(within(mistake(region, 'asyncio-run')).getByTestId('mistake-prints')).toHaveTextContent(
      /^Nothing/,
    );
  });

  it('asyncio.Queue from a thread: the label and what Python printed, as text', async () => {
    const region = await renderSection();
    const article = mistake(region, 'asyncio-queue');
    const run = mistakes.runs.find((r) => r.variant === 'asyncio-queue');
    const label = run?.summary.lastLabel ?? '';
    expect(label).toMatch(/^<coroutine object/);
    expect(within(article).getByTestId('mistake-sees')).toHaveTextContent(label);
    // Printed as text: a "<coroutine …>" string never becomes markup.
    expect(article.querySelector('coroutine')).toBeNull();
    const printed = within(article).getByLabelText('What Python printed');
    expect(printed.textContent).toBe(run?.process.stderr);
    expect(printed).toHaveTextContent('ValueError: task_done() called too many times');
    expect(within(article).getByTestId('mistake-prints')).toHaveTextContent(
      /It includes \d+ warnings?: RuntimeWarning: coroutine 'Queue\.\w+' was never awaited; RuntimeWarning/,
    );
    expect(within(article).getByTestId('tk-meta')).toHaveTextContent(
      /\. Script: asyncio_queue_from_thread\.py\.$/,
    );
  });

  it('a widget call from another thread: which Tk states raise, and after how long', async () => {
    const region = await renderSection();
    const article = mistake(region, 'thread-call');
    const sees = within(article).getByTestId('mistake-sees');
    for (const run of threadCall.runs) expect(sees).toHaveTextContent(ms(run.callMs));
    expect(within(article).getByTestId('mistake-prints')).toHaveTextContent(
      'RuntimeError: main thread is not in main loop',
    );
  });

  it('the task before mainloop(), the loop never stopped and the deadlock, from their traces', async () => {
    const region = await renderSection();
    const early = mistakes.runs.find((r) => r.variant === 'before-mainloop');
    expect(
      within(mistake(region, 'before-mainloop')).getByTestId('mistake-sees'),
    ).toHaveTextContent(ms(early?.summary.windowAppearsAfterMs ?? -1));

    const stopped = within(mistake(region, 'never-stopped')).getByTestId('mistake-sees');
    expect(stopped).toHaveTextContent(/Never stopped, not a daemon: the process never ended/);
    const killed = shutdown.runs.find((r) => r.variant === 'never-stopped');
    expect(stopped).toHaveTextContent(
      `${((killed?.summary.endedAfterCloseMs ?? 0) / 1000).toFixed(1)} s after the window closed`,
    );
    expect(stopped).toHaveTextContent(/Stopped and joined \(the fix\): the process ended/);

    const stuck = within(mistake(region, 'deadlock')).getByTestId('mistake-sees');
    expect(stuck).toHaveTextContent(ms(deadlock.runs[0]?.summary.detectedAfterPressMs ?? -1));
    for (const thread of deadlock.runs[0]?.stuck ?? []) {
      expect(stuck).toHaveTextContent(thread.thread);
      expect(stuck).toHaveTextContent(thread.line.replace(/\s+/g, ' '));
    }
  });

  it('shows each mistake’s Python when asked, loaded from the real file', async () => {
    const user = userEvent.setup();
    const region = await renderSection();
    const article = mistake(region, 'asyncio-queue');
    expect(article.querySelector('pre[data-language="python"]')).toBeNull();
    await openEvidence(user, article);
    await user.click(within(article).getByText('The Python that reproduces it'));
    const code = await within(article).findByRole('figure', {}, { timeout: 10_000 });
    await expect
      .poll(() => code.textContent, { timeout: 10_000 })
      .toContain('results = asyncio.Queue()');
    // The thread-call entry has no file of its own: its evidence holds no code disclosure.
    expect(evidence(mistake(region, 'thread-call')).querySelector('details')).toBeNull();
  });

  it('closing the window while a worker holds the app: SIGABRT and Tcl_AsyncDelete, beside the clean exits', async () => {
    const region = await renderSection();
    const article = mistake(region, 'close-while-running');
    const run = offeredRun('close-while-running', 'mistake');
    expect(run.process.signal).toBe('SIGABRT');
    expect(within(article).getByTestId('mistake-sees')).toHaveTextContent(
      `aborted with ${run.process.signal}`,
    );
    expect(within(article).getByLabelText('What Python printed').textContent).toBe(
      run.process.stderr,
    );
    expect(within(article).getByTestId('mistake-prints')).toHaveTextContent(
      'Tcl_AsyncDelete: async handler deleted by the wrong thread',
    );
    const fix = within(article).getByTestId('mistake-fix');
    for (const form of ['fix', 'strategy', 'recommended']) {
      const fixed = offeredRun('close-while-running', form);
      expect(fixed.process.exitCode).toBe(0);
      expect(fix).toHaveTextContent(fixed.script);
    }
    expect(fix).toHaveTextContent(/exited cleanly .* exited cleanly .* exited cleanly/);
    expect(within(article).getByRole('heading', { level: 3 })).toHaveAttribute(
      'id',
      'mistake-close-while-running-title',
    );
  });

  it('a blocking call in a command: the longest Tk stall, against the fix’s', async () => {
    const region = await renderSection();
    const sees = within(mistake(region, 'blocking-call')).getByTestId('mistake-sees');
    expect(sees).toHaveTextContent(ms(longestStall(offeredRun('blocking-call', 'mistake'))));
    expect(sees).toHaveTextContent(ms(longestStall(offeredRun('blocking-call', 'fix'))));
  });

  it('a loop per click, and a client bound to the first loop: the errors the second click met', async () => {
    const region = await renderSection();
    const perClick = mistake(region, 'loop-per-click');
    const error = offeredRun('loop-per-click', 'mistake').threadErrors[0]?.error ?? '';
    expect(error).toBe('RuntimeError: This event loop is already running');
    expect(within(perClick).getByTestId('mistake-prints')).toHaveTextContent(error);
    expect(within(perClick).getByTestId('mistake-sees')).toHaveTextContent(
      offeredRun('loop-per-click', 'fix').labelTexts.at(-1)?.[2] ?? '-',
    );

    const firstLoop = mistake(region, 'client-first-loop');
    const printed = within(firstLoop).getByLabelText('What Python printed');
    expect(printed.textContent).toBe(offeredRun('client-first-loop', 'mistake').process.stderr);
    expect(printed).toHaveTextContent(/attached to a different loop$/);
    expect(within(firstLoop).getByTestId('mistake-sees')).toHaveTextContent(
      offeredRun('client-first-loop', 'fix').labelTexts.at(-1)?.[2] ?? '-',
    );
  });

  it('Tk calls from a worker that gave up: after the close, and before mainloop()', async () => {
    const region = await renderSection();
    for (const variant of ['after-close', 'widget-from-thread']) {
      const run = offeredRun(variant, 'mistake');
      const [call] = run.tkCallsFromThreads;
      expect(call?.[4]).toBe('RuntimeError: main thread is not in main loop');
      const article = mistake(region, variant);
      expect(within(article).getByTestId('mistake-sees')).toHaveTextContent(ms(call?.[3] ?? -1));
      expect(within(article).getByTestId('mistake-prints')).toHaveTextContent(call?.[4] ?? '-');
    }
    // The Queue panel links to the runnable reproduction by its heading.
    expect(region.querySelector('#mistake-widget-from-thread-title')).not.toBeNull();
    // The thread-call entry lists the after-close variant with the rest.
    const afterClose = threadCall.runs.find((r) => r.variant === 'after-close');
    expect(within(mistake(region, 'thread-call')).getByTestId('mistake-sees')).toHaveTextContent(
      `When the window has closed and mainloop() has returned: the call failed after ${ms(afterClose?.callMs ?? -1)}`,
    );
  });

  it.each(OFFERED_MISTAKES)(
    '%s: the disclosure shows the mistake’s file beside its fix, each with its title',
    async (id) => {
      const user = userEvent.setup();
      const region = await renderSection();
      const article = mistake(region, id);
      const mistakeRun = offeredRun(id, 'mistake');
      const fixRun = offeredRun(id, 'fix');
      await openEvidence(user, article);
      await user.click(
        within(article).getByText('The Python that reproduces it, and the fixed file'),
      );
      const figures = await within(article).findAllByRole('figure', {}, { timeout: 10_000 });
      expect(figures.map((f) => f.querySelector('figcaption span')?.textContent)).toEqual([
        `Mistake: ${mistakeRun.script.split('/').at(-1)}`,
        `Fix: ${fixRun.script.split('/').at(-1)}`,
      ]);
      // The name the reader saves it under; the repository's folders are not theirs.
      expect(figures.some((f) => f.querySelector('figcaption')?.textContent?.includes('/'))).toBe(
        false,
      );
      expect(figures.every((f) => f.parentElement?.classList.contains('code-pair'))).toBe(true);
      // Each is the real file: its header says what the recording checked.
      for (const [figure, run] of [
        [figures[0], mistakeRun],
        [figures[1], fixRun],
      ] as const)
        await expect
          .poll(() => figure?.textContent, { timeout: 10_000 })
          .toContain(`# two-loops: expect=${run.expect}`);
    },
  );

  describe('a link to a mistake opens its evidence', () => {
    afterEach(() => {
      history.replaceState(null, '', location.pathname);
      vi.restoreAllMocks();
    });

    it('when the address names it as the section arrives, scrolled to', async () => {
      const scrolled: Element[] = [];
      Element.prototype.scrollIntoView = vi.fn(function (this: Element) {
        scrolled.push(this);
      });
      history.replaceState(null, '', '#mistake-deadlock-title');
      const region = await renderSection();
      expect(evidence(mistake(region, 'deadlock')).open).toBe(true);
      for (const id of MISTAKES.filter((m) => m !== 'deadlock'))
        expect(evidence(mistake(region, id)).open, id).toBe(false);
      expect(scrolled.map((e) => e.id)).toEqual(['mistake-deadlock-title']);
    });

    it('when a link on the page is followed, and an address naming something else opens nothing', async () => {
      Element.prototype.scrollIntoView = vi.fn();
      const user = userEvent.setup();
      const region = await renderSection();
      // The runnable reproduction links to the mistake it reproduces, inside its evidence.
      const fromThread = mistake(region, 'widget-from-thread');
      await openEvidence(user, fromThread);
      await user.click(
        within(fromThread).getByRole('link', { name: 'Calling a widget from another thread' }),
      );
      expect(location.hash).toBe('#mistake-thread-call-title');
      await expect.poll(() => evidence(mistake(region, 'thread-call')).open).toBe(true);
      history.pushState(null, '', '#queue');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      history.pushState(null, '', '#mistake-%E0%A4%A');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
      const open = MISTAKES.filter((id) => evidence(mistake(region, id)).open);
      expect(open).toEqual(['thread-call', 'widget-from-thread']);
    });
  });
});

import { formatRecordedMs } from '../../src/format/format';
import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import WhatGoesWrong from '../../src/recordings/WhatGoesWrong.svelte';
import blockingJson from '../../src/tk-traces/blocking.json';
import deadlockJson from '../../src/tk-traces/deadlock.json';
import mistakesJson from '../../src/tk-traces/mistakes.json';
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

const MISTAKES = [
  'asyncio-run',
  'asyncio-queue',
  'thread-call',
  'before-mainloop',
  'never-stopped',
  'deadlock',
];

async function renderSection() {
  render(WhatGoesWrong);
  const region = screen.getByRole('region', { name: 'What goes wrong' });
  // Every mistake has its evidence once the traces are in.
  await within(region).findAllByTestId('mistake-sees', {}, { timeout: 3000 });
  await expect
    .poll(() => within(region).queryAllByTestId('mistake-sees').length, { timeout: 3000 })
    .toBe(MISTAKES.length);
  return region;
}

function mistake(region: HTMLElement, id: string) {
  return within(region).getByTestId(`mistake-${id}`);
}

describe('WhatGoesWrong', () => {
  it('is a region named by its h2, listing every mistake with evidence, fix and a panel link', async () => {
    const region = await renderSection();
    expect(within(region).getByRole('heading', { level: 2 })).toHaveTextContent('What goes wrong');
    expect(within(region).getAllByRole('article')).toHaveLength(MISTAKES.length);
    for (const id of MISTAKES) {
      const article = mistake(region, id);
      expect(within(article).getByRole('heading', { level: 3 })).toBeVisible();
      expect(within(article).getByTestId('mistake-sees').textContent?.trim()).not.toBe('');
      expect(within(article).getByTestId('mistake-prints').textContent?.trim()).not.toBe('');
      const fix = within(article).getByTestId('mistake-fix');
      const links = within(fix).getAllByRole('link');
      expect(links.length).toBeGreaterThan(0);
      for (const link of links)
        expect(link.getAttribute('href')).toMatch(/^#(blocking|queue|dedicated)$/);
      expect(within(article).getByTestId('tk-meta')).toHaveTextContent(/CPython 3\.\d+\.\d+/);
    }
    expect(
      within(mistake(region, 'asyncio-queue')).getByRole('link', { name: 'Queue' }),
    ).toHaveAttribute('href', '#queue');
    expect(
      within(mistake(region, 'deadlock')).getByRole('link', { name: 'Dedicated loop' }),
    ).toHaveAttribute('href', '#dedicated');
    expect(within(mistake(region, 'asyncio-run')).getByTestId('mistake-fix')).toHaveTextContent(
      'The correct pattern, live: Queue, Dedicated loop.',
    );
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
      /\. Script: python\/mistakes\/asyncio_queue_from_thread\.py\.$/,
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
    await user.click(within(article).getByText('The Python that reproduces it'));
    const code = await within(article).findByRole('figure', {}, { timeout: 3000 });
    await expect
      .poll(() => code.textContent, { timeout: 3000 })
      .toContain('results = asyncio.Queue()');
    expect(mistake(region, 'thread-call').querySelector('details')).toBeNull();
  });
});

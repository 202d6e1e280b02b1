/**
 * Once a reader has brought a recording (Your machine), every recorded view shows their figure
 * beside ours, derived by the same functions and labelled with their platform, or says plainly
 * that their file has no run of that scenario.
 */
import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import { formatRecordedMs } from '../../src/format/format';
import OneThreadRecording from '../../src/panels/one-thread/OneThreadRecording.svelte';
import GuestRecording from '../../src/panels/one-thread/GuestRecording.svelte';
import type { OneThreadStats } from '../../src/panels/one-thread/one-thread-panel.svelte';
import { blockingEvidence } from '../../src/recordings/mistakes';
import { NO_RUN } from '../../src/recordings/reader-recording';
import ThreadRules from '../../src/recordings/ThreadRules.svelte';
import TkRecording from '../../src/recordings/TkRecording.svelte';
import WhatGoesWrong from '../../src/recordings/WhatGoesWrong.svelte';
import blockingJson from '../../src/tk-traces/blocking.json';
import { blockingFigures } from '../../src/tk-traces/trace-figures';
import type { ReaderRecording, TraceOf } from '../../src/tk-traces/trace-types';
import {
  macOSRecording,
  tk9Recording,
  unthreadedMacOSRecording,
  windowsRecording,
} from '../support/recording-fixtures';
import { testServices } from './services';

// The first view to render compiles its lazy chunks on the spot: on a loaded machine that is
// tens of seconds, and each wait ends as soon as it is met.
const LAZY_MS = 40_000;
vi.setConfig({ testTimeout: 90_000 });

// toHaveTextContent reads the page's no-break spaces as plain ones.
const ms = (value: number | null) => formatRecordedMs(value).replace(/\u00a0/g, ' ');

/** A page whose reader has brought `recording`. */
function pageWith(recording: ReaderRecording) {
  const { services, context } = testServices();
  services.readerRecording.current = { recording, fileName: 'two-loops-recording.json' };
  return context;
}

/**
 * A Tk 9 recording whose figures differ from ours: every Tk stall of its blocking runs lasted
 * twice as long, and a widget call from another thread took 123.4 ms. So a figure found on the
 * reader's side can only have come from the reader's file.
 */
function slowerTk9(): ReaderRecording {
  const recording = tk9Recording();
  for (const run of recording.traces.blocking!.runs)
    run.heartbeatStalls = run.heartbeatStalls.map(([at, gap]) => [at, gap * 2]);
  const call = recording.traces['thread-call']!.runs.find((r) => r.variant === 'mainloop')!;
  call.callMs = 123.4;
  return recording;
}

const ours = blockingJson as unknown as TraceOf<'blocking'>;
const stillOneThread = {
  pollMs: 20,
  clicks: null,
  delivery: null,
  idleRate: null,
  drains: 0,
  guest: null,
} as unknown as OneThreadStats;

describe('a reader’s recording beside ours in every recorded view', () => {
  it('shows the reader’s Blocking figures beside ours, labelled with their versions', async () => {
    const recording = slowerTk9();
    render(TkRecording, {
      props: { strategy: 'blocking', kind: 'wait', durationMs: 1000 },
      context: pageWith(recording),
    });
    const box = screen.getByTestId('tk-recording-blocking');
    const yours = await within(box).findByTestId('tk-source-reader', {}, { timeout: LAZY_MS });
    const mine = within(box).getByTestId('tk-source-ours');
    expect(within(yours).getByText('Your machine').parentElement).toHaveTextContent(
      'CPython 3.13.1, GIL enabled · Tcl/Tk 9.0.1 (x11) · Fedora Linux 42, Linux 6.14.0',
    );
    const pick = (trace: TraceOf<'blocking'>) =>
      blockingFigures(trace).find((row) => row.kind === 'wait' && row.durationMs === 1000)!;
    const theirs = pick(recording.traces.blocking!).mergedStallMs;
    expect(theirs).not.toBe(pick(ours).mergedStallMs);
    expect(await within(yours).findByTestId('tk-blocking-summary')).toHaveTextContent(
      `frozen for ${ms(theirs)}`,
    );
    expect(within(mine).getByTestId('tk-blocking-summary')).toHaveTextContent(
      `frozen for ${ms(pick(ours).mergedStallMs)}`,
    );
  });

  it('shows the reader’s figure beside ours in a mistake and in the thread rules', async () => {
    const recording = slowerTk9();
    render(WhatGoesWrong, { context: pageWith(recording) });
    const mistake = await screen.findByTestId('mistake-asyncio-run', {}, { timeout: LAZY_MS });
    const sees = await within(mistake).findByTestId('mistake-sees', {}, { timeout: LAZY_MS });
    const yours = within(sees).getByTestId('tk-source-reader');
    expect(yours).toHaveTextContent('Tcl/Tk 9.0.1');
    const theirs = blockingEvidence(recording.traces.blocking!).mergedStallMs;
    expect(yours).toHaveTextContent(`frozen for ${ms(theirs)} in one piece`);
    expect(within(sees).getByTestId('tk-source-ours')).toHaveTextContent(
      `frozen for ${ms(blockingEvidence(ours).mergedStallMs)} in one piece`,
    );
    render(ThreadRules, { context: pageWith(recording) });
    const rules = screen.getByTestId('thread-rules');
    expect(within(rules).getByTestId('thread-rules-reader')).toHaveTextContent('Tcl/Tk 9.0.1');
    // The rule that a widget call from another thread waits for the Tk thread cites thread-call's
    // mainloop run: the reader's figure, read from their file, follows ours.
    await expect
      .poll(
        () =>
          within(rules)
            .queryAllByTestId('rule-yours')
            .map((e) => e.textContent),
        {
          timeout: LAZY_MS,
        },
      )
      .toContain(`; your machine: ${formatRecordedMs(123.4)}`);
    // A figure the reader's file has no run for says so: their quick-free Tk 9 pass has them all.
    expect(within(rules).queryAllByText(/no run of this scenario/i)).toEqual([]);
  });

  it.each([
    ['macOS', macOSRecording],
    ['Windows', windowsRecording],
  ])(
    'says a %s recording has no run of the scenarios that need XTEST clicks',
    async (_, fixture) => {
      const context = pageWith(fixture());
      render(OneThreadRecording, { props: { live: stillOneThread }, context });
      render(GuestRecording, { props: { live: stillOneThread, chainRate: null }, context });
      const oneThread = screen.getByTestId('tk-recording-one-thread');
      const noRun = await within(oneThread).findByTestId('reader-no-run', {}, { timeout: LAZY_MS });
      expect(noRun).toHaveTextContent(`${NO_RUN}: the recorder skipped it on your machine`);
      expect(noRun).toHaveTextContent('need XTEST');
      // The runs without clicks are theirs, beside ours.
      expect(within(oneThread).getByTestId('tk-source-reader')).toHaveTextContent(/Idle wake-ups/);
      const guest = screen.getByTestId('tk-recording-one-thread-guest');
      expect(await within(guest).findByTestId('reader-no-run')).toHaveTextContent(
        `${NO_RUN}: the recorder skipped it`,
      );
      expect(within(guest).getByRole('columnheader', { name: 'Your machine' })).toBeVisible();
      const clicks = within(guest).getByRole('rowheader', { name: 'Click → command, p50 / max' });
      expect(clicks.closest('tr')).toHaveTextContent('no run');
    },
  );

  it('says so in the Blocking view and its mistake when the reader’s file has no blocking run', async () => {
    const context = pageWith(unthreadedMacOSRecording());
    render(TkRecording, {
      props: { strategy: 'blocking', kind: 'wait', durationMs: 1000 },
      context,
    });
    render(WhatGoesWrong, { context });
    const box = screen.getByTestId('tk-recording-blocking');
    const yours = await within(box).findByTestId('tk-source-reader', {}, { timeout: LAZY_MS });
    expect(within(yours).getByTestId('reader-no-run')).toHaveTextContent(
      `${NO_RUN}: the recorder skipped it on your machine (clicks from a helper thread need a threaded Tcl).`,
    );
    expect(within(yours).queryByTestId('tk-blocking-summary')).toBeNull();
    // Ours stays.
    expect(await within(box).findByTestId('tk-blocking-summary')).toBeVisible();
    const mistake = await screen.findByTestId('mistake-asyncio-run', {}, { timeout: LAZY_MS });
    const sees = await within(mistake).findByTestId('mistake-sees', {}, { timeout: LAZY_MS });
    expect(within(sees).getByTestId('reader-no-run')).toHaveTextContent(NO_RUN);
  });
});

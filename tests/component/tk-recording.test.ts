import { formatRecordedMs } from '../../src/format/format';
import { render, screen, within } from '@testing-library/svelte';
import { testServices } from './services';
import { describe, expect, it } from 'vitest';
import type { StrategyFigures } from '../../src/strategies/strategy-figures';
import TkRecording from '../../src/recordings/TkRecording.svelte';
import blockingJson from '../../src/tk-traces/blocking.json';
import dedicatedJson from '../../src/tk-traces/dedicated.json';
import gilJson from '../../src/tk-traces/gil.json';
import pollingJson from '../../src/tk-traces/polling.json';
import shutdownJson from '../../src/tk-traces/shutdown.json';
import {
  blockingFigures,
  dedicatedFigures,
  gilFigures,
  pollingFigures,
} from '../../src/tk-traces/trace-figures';
import { parseTkTrace } from '../../src/tk-traces/trace-checks';
import { type TraceId, type TraceOf } from '../../src/tk-traces/trace-types';

// toHaveTextContent reads the page's no-break spaces as plain ones.
const ms = (value: number | null) => formatRecordedMs(value).replace(/\u00a0/g, ' ');
const trace = <K extends TraceId>(json: unknown) => parseTkTrace(json) as TraceOf<K>;
const blocking = trace<'blocking'>(blockingJson);
const polling = trace<'polling'>(pollingJson);
const gil = trace<'gil'>(gilJson);
const dedicated = trace<'dedicated'>(dedicatedJson);
const shutdown = trace<'shutdown'>(shutdownJson);

function live(strategy: StrategyFigures['strategy'], over: Partial<StrategyFigures> = {}) {
  return {
    strategy,
    longestStall: 3,
    inputDelayP95: null,
    inputDelayMax: null,
    deliveryP50: 17,
    deliveryP95: 43,
    deliveryMax: 60,
    idleWakeupsPerSecond: 9.5,
    runs: 2,
    ...over,
  } satisfies StrategyFigures;
}

/** The text of a table row found by its header cell. */
function row(table: HTMLElement, header: RegExp | string): string {
  const name =
    typeof header === 'string'
      ? (accessible: string) => accessible.replace(/\s+/g, ' ') === header
      : header;
  const tr = within(table).getByRole('rowheader', { name }).closest('tr');
  return (tr?.textContent ?? '').replace(/\s+/g, ' ');
}

async function renderRecording(props: Record<string, unknown>) {
  render(TkRecording, { props: props as never, context: testServices().context });
  const strategy = props.strategy as string;
  const box = screen.getByTestId(`tk-recording-${strategy}`);
  await within(box).findAllByTestId('tk-meta', {}, { timeout: 10_000 });
  return box;
}

describe('TkRecording', () => {
  it('blocking: the recorded versions, the stall per D, clicks and repaints as text', async () => {
    const box = await renderRecording({
      strategy: 'blocking',
      // The run whose queued clicks left one blink in the freeze: merged and longest differ.
      kind: 'cpu',
      durationMs: 2000,
      // Six runs since the page loaded and a probe input that waited 1,200 ms: neither is what
      // the freeze rows compare, so neither may show up in them.
      live: live('blocking', { longestStall: 2010, inputDelayMax: 1200, runs: 6 }),
      freeze: { runs: 4, longestClickWaitMs: 1980 },
    });
    const meta = within(box).getByTestId('tk-meta');
    expect(meta).toHaveTextContent(`CPython ${blocking.meta.python}`);
    expect(meta).toHaveTextContent(`Tcl/Tk ${blocking.meta.tk} (threaded)`);
    expect(meta).toHaveTextContent(/XTEST/);

    const figures = blockingFigures(blocking).filter((f) => f.kind === 'cpu');
    const chosen = figures.find((f) => f.durationMs === 2000);
    if (!chosen) throw new Error('no 2 s cpu run');
    // Whether the queued clicks left a blink in the freeze depends on the recording: the row says
    // which, from the same figures.
    const blinked = chosen.mergedStallMs > chosen.longestStallMs;
    const summary = within(box).getByTestId('tk-blocking-summary');
    expect(summary).toHaveTextContent(ms(chosen.mergedStallMs));
    expect(summary).toHaveTextContent(ms(Math.max(...chosen.clickDelayMs)));
    expect(summary).toHaveTextContent(
      chosen.repaintedBetweenRuns ? /did repaint/ : /did not repaint between the runs/,
    );

    const compare = within(box).getByTestId('tk-compare');
    expect(row(compare, 'Longest stall')).toContain(
      blinked
        ? `${ms(chosen.longestStallMs)} (${ms(chosen.mergedStallMs)} in all`
        : ms(chosen.longestStallMs),
    );
    expect(row(compare, 'Longest stall')).toContain('2,010 ms');
    expect(row(compare, /Longest wait of a click/)).toMatch(/1,980 ms$/);
    expect(row(compare, /^Runs of the command/)).toMatch(
      /4 \(1 click, then 3 during the freeze\)$/,
    );

    const table = within(box).getByTestId('tk-blocking-table');
    for (const f of figures) {
      const text = row(table, ms(f.durationMs));
      expect(text).toContain(ms(f.mergedStallMs));
      expect(text).toContain(ms(f.runMs[0] ?? -1));
      expect(text).toContain(f.repaintedBetweenRuns ? 'yes' : 'no');
    }

    // The chart's text alternative: the freeze, in words, beside the drawing.
    const chart = box.querySelector('figure');
    expect(chart?.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
    const walls = blocking.runs
      .find((r) => r.kind === 'cpu' && r.durationMs === 2000)
      ?.heartbeatStalls.filter(([, gap]) => gap > 50);
    expect(chart?.querySelectorAll('rect.wall')).toHaveLength(walls?.length ?? -1);
    expect(chart?.querySelector('figcaption')).toHaveTextContent(
      `heartbeat stopped for ${walls?.map(([at, gap]) => `${(gap / 1000).toFixed(1)} s from ${(at / 1000).toFixed(1)} s`).join(', then ')}`,
    );
  });

  it('blocking: says when it shows a recording other than the one asked for', async () => {
    const box = await renderRecording({ strategy: 'blocking', kind: 'stream', durationMs: 800 });
    expect(box).toHaveTextContent('No stream was recorded under Tk: this is the wait task.');
    expect(within(box).getByTestId('tk-compare')).toHaveTextContent('not run yet');
  });

  it('queue: delivery and idle cost by P, and the GIL with the plain statement about workers', async () => {
    const box = await renderRecording({ strategy: 'queue', pollMs: 100, live: live('queue') });
    const table = within(box).getByTestId('tk-polling-table');
    for (const f of pollingFigures(polling)) {
      const text = row(table, ms(f.pollMs));
      expect(text).toContain(ms(f.latencyMs.p50));
      expect(text).toContain(ms(f.latencyMs.p95));
      expect(text).toContain(`${f.wakeupsPerS}/s`);
      expect(text).toContain(`${ms(f.cpuMsPerS)} CPU per s`);
    }
    const compare = within(box).getByTestId('tk-compare');
    const p100 = pollingFigures(polling).find((f) => f.pollMs === 100);
    expect(row(compare, 'Delivery latency, median')).toContain(`${ms(p100?.latencyMs.p50 ?? -1)}`);
    expect(row(compare, 'Delivery latency, median')).toContain('17 ms');
    expect(row(compare, 'Wake-ups per second while idle')).toContain('9.5/s');

    const gilBox = await within(box).findByTestId('tk-gil', {}, { timeout: 10_000 });
    await within(gilBox).findByTestId('tk-meta');
    const main = gilFigures(gil).find((f) => f.switchIntervalMs === gil.meta.switchIntervalMs);
    expect(gilBox).toHaveTextContent(ms(main?.busy.heartbeatMs.p50 ?? -1));
    expect(gilBox).toHaveTextContent(ms(main?.busy.clickDelayMs.p50 ?? -1));
    expect(within(gilBox).getByTestId('tk-no-gil')).toHaveTextContent(
      /Browser workers have no GIL.*does not appear in the live panel/,
    );
  });

  it('dedicated: after(0) against event_generate, whether each worked, and the shutdowns', async () => {
    const box = await renderRecording({ strategy: 'dedicated', live: live('dedicated') });
    const table = within(box).getByTestId('tk-dedicated-table');
    for (const f of dedicatedFigures(dedicated)) {
      const method = f.method === 'after' ? /root\.after\(0/ : /event_generate/;
      const text = row(table, method);
      expect(text).toContain(`${ms(f.latencyMs.p50)} / ${ms(f.latencyMs.p95)}`);
      expect(text).toMatch(new RegExp(`worked: ${f.delivered} of \\d+ delivered`));
    }
    expect(table).toHaveTextContent(/threaded/);
    const closing = within(box).getByTestId('tk-shutdown-table');
    const outcomes = Object.fromEntries(shutdown.runs.map((r) => [r.variant, r.summary]));
    expect(row(closing, /not a daemon/)).toMatch(/never exited/);
    expect(row(closing, /not a daemon/)).toContain(
      ms(outcomes['never-stopped']?.endedAfterCloseMs ?? -1),
    );
    expect(row(closing, /daemon, never stopped/)).toContain(
      ms(outcomes.daemon?.endedAfterCloseMs ?? -1),
    );
    expect(row(closing, /daemon, never stopped/)).toMatch(/no chance to\s+clean up/);
    expect(row(closing, /join/)).toMatch(/cleanup ran/);
    // No GIL section unless asked for.
    expect(within(box).queryByTestId('tk-gil')).toBeNull();
  });
});

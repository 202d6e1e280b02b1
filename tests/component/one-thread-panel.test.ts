import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import OneThreadPanel from '../../src/panels/one-thread/OneThreadPanel.svelte';
import { OneThreadPanel as OneThreadPanelState } from '../../src/panels/one-thread/one-thread-panel.svelte';
import { GuestWaiter } from '../../src/strategies/guest/waiter';
import type { LoopHost } from '../../src/strategies/one-thread';
import type { GuestHelperLike } from '../../src/strategies/one-thread-guest';
import type { GuestToPage, PageToGuest } from '../../src/workers/protocol';
import { comparisonRows } from '../../src/panels/comparison/comparison';
import { testServices } from './services';

/** The loop's timers on a virtual clock, advanced by the test, so the counters are exact. */
class FakeHost implements LoopHost {
  time = 0;
  #timers = new Map<number, { at: number; fn: () => void }>();
  #next = 1;
  now = () => this.time;
  later = (fn: () => void, ms: number) => {
    const id = this.#next++;
    this.#timers.set(id, { at: this.time + Math.max(0, ms), fn });
    return id;
  };
  clear = (id: number) => void this.#timers.delete(id);
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let first: [number, { at: number; fn: () => void }] | null = null;
      for (const entry of this.#timers)
        if (entry[1].at <= end && (!first || entry[1].at < first[1].at)) first = entry;
      if (!first) break;
      this.#timers.delete(first[0]);
      this.time = Math.max(this.time, first[1].at);
      first[1].fn();
    }
    this.time = end;
    flushSync();
  }
}

/** The guest's helper thread on the test's clock: the real waiter, each post a task 0.1 ms later. */
function fakeHelper(host: FakeHost): GuestHelperLike {
  const helper: GuestHelperLike = {
    onmessage: null,
    onerror: null,
    postMessage: (message: PageToGuest) => void host.later(() => waiter.receive(message), 0.1),
    terminate: () => {},
  };
  const waiter = new GuestWaiter(
    {
      later: (fn, ms) => host.later(fn, ms),
      clear: (h) => host.clear(h as number),
      epoch: host.now,
    },
    (message: GuestToPage) =>
      void host.later(() => helper.onmessage?.({ data: message } as MessageEvent<unknown>), 0.1),
  );
  return helper;
}

function renderPanel(
  initial: {
    kind: 'wait' | 'cpu' | 'stream';
    duration: number;
    rate: number;
    poll: number;
    dialog: number;
    mode?: 'polling' | 'guest';
  } = { kind: 'wait', duration: 50, rate: 100, poll: 20, dialog: 1000 },
  spawn?: () => GuestHelperLike,
) {
  const { services, context } = testServices();
  const host = new FakeHost();
  const panel = new OneThreadPanelState(services.instrument, services.announcer, initial, {
    host,
    guest: { spawn: spawn ?? (() => fakeHelper(host)), soon: (fn) => host.later(fn, 0.05) },
  });
  render(OneThreadPanel, { props: { panel }, context });
  const region = screen.getByRole('region', { name: /One thread/ });
  return { services, panel, host, region, ui: within(region) };
}

describe('OneThreadPanel', () => {
  beforeAll(() => {
    HTMLCanvasElement.prototype.getContext = () => null;
  });

  it('is a region named One thread with Run, labelled inputs and a Longest stall status', () => {
    const { ui } = renderPanel();
    expect(ui.getByRole('button', { name: 'Run' })).toBeInTheDocument();
    expect(ui.getByLabelText('Task kind')).toHaveValue('wait');
    expect(ui.getByLabelText(/Poll interval/)).toHaveValue('20');
    expect(ui.getByLabelText(/Dialog/)).toHaveValue('1000');
    expect(ui.getByRole('button', { name: 'Open a modal dialog' })).toBeInTheDocument();
    expect(ui.getByRole('button', { name: /Tk button/ })).toBeInTheDocument();
    expect(ui.getByRole('status')).toHaveTextContent(/Longest stall\s*0\s*ms/);
  });

  for (const [field, value, message] of [
    [/Poll interval/, '0', 'Poll interval must be between 1–1,000 ms.'],
    [/Dialog/, '99', 'Dialog must be between 100–10,000 ms.'],
    [/Dialog/, '2e3', 'Dialog must be a whole number, 100–10,000 ms.'],
  ] as const) {
    it(`refuses ${value} beside its field and runs nothing`, async () => {
      const user = userEvent.setup();
      const { ui, panel } = renderPanel();
      const input = ui.getByLabelText(field);
      await user.clear(input);
      await user.type(input, value);
      expect(input).toHaveAttribute('aria-invalid', 'true');
      expect(input).toHaveAccessibleDescription(message);
      await user.click(ui.getByRole('button', { name: 'Run' }));
      expect(ui.getByText('Not run: correct the fields marked above.')).toBeInTheDocument();
      expect(panel.started).toBe(false);
      expect(panel.shareable).toBeNull();
    });
  }

  it('offers the chunk field only for cpu tasks, and refuses a bad chunk', async () => {
    const user = userEvent.setup();
    const { ui } = renderPanel();
    expect(ui.queryByRole('checkbox', { name: /Chunk it/ })).toBeNull();
    await user.selectOptions(ui.getByLabelText('Task kind'), 'cpu');
    await user.click(ui.getByRole('checkbox', { name: /Chunk it/ }));
    const chunk = ui.getByLabelText(/Chunk/, { selector: 'input[type=text]' });
    await user.clear(chunk);
    await user.type(chunk, '0');
    expect(chunk).toHaveAccessibleDescription('Chunk must be a whole number, 1–1,000 ms.');
  });

  it('shows a Tk click only after the next drain, and a task label the same way', () => {
    const { ui, panel, host } = renderPanel();
    panel.tkClick(host.now());
    expect(ui.getByTestId('one-thread-clicks')).toHaveTextContent(/^0 clicks/);
    host.advance(25);
    expect(ui.getByTestId('one-thread-clicks')).toHaveTextContent(/^1 clicks/);
    panel.run();
    host.advance(200);
    expect(ui.getByTestId('one-thread-output')).toHaveTextContent('waited 50 ms');
  });

  it("gives the comparison the wait of a coroutine's result for the next drain, never the Tk callback's own label", () => {
    const { services, panel, host } = renderPanel(); // P = 20, wait 50 ms
    const frames: Array<(now: number) => void> = [];
    services.instrument.onFrame = (callback) => {
      frames.push(callback);
      return () => {};
    };
    host.advance(7);
    // Clicked at 7: the callback runs at the drain at 20 and labels "submitted" in that drain; the
    // coroutine's sleep ends at 70 and its label.config() waits for the drain at 80.
    panel.run();
    host.advance(200);
    for (const frame of frames) frame(host.now() + 1_000);
    const polling = panel.liveByMode.polling.figures;
    expect(panel.stats.delivery).toMatchObject({ count: 1, p50: 10, max: 10 });
    expect(polling).toMatchObject({ deliveryP50: 10, deliveryMax: 10 });
    // The comparison reads the same figure the panel shows, within 0…P, not 0.0 ms with a star.
    const delivery = comparisonRows([polling]).find((r) => r.key === 'deliveryP50');
    const cell = delivery?.cells.find((c) => c.strategy === 'one-thread-polling');
    expect(cell?.text).toBe('10 ms');
  });

  it('counts both counters, and only the Tk counter while the dialog is open', () => {
    const { ui, panel, host } = renderPanel();
    panel.openDialog();
    host.advance(700); // the counters run 600 ms before the dialog opens
    expect(panel.dialogOpen).toBe(true);
    expect(ui.getByRole('group', { name: /Modal dialog/ })).toBeInTheDocument();
    const count = (id: string) => Number(/: (\d+)/.exec(ui.getByTestId(id).textContent ?? '')?.[1]);
    const asyncioAtOpen = count('one-thread-asyncio-counter');
    const tkAtOpen = count('one-thread-tk-counter');
    expect(asyncioAtOpen).toBeGreaterThanOrEqual(4);
    host.advance(800);
    expect(count('one-thread-asyncio-counter')).toBe(asyncioAtOpen);
    expect(count('one-thread-tk-counter')).toBeGreaterThanOrEqual(tkAtOpen + 7);
    host.advance(1000); // the dialog closes; the counters stop 600 ms later
    expect(panel.dialogOpen).toBe(false);
    expect(ui.getByTestId('one-thread-asyncio-counter')).toHaveTextContent(
      /longest gap 1,[01]\d\d ms/,
    );
    expect(ui.getByTestId('one-thread-tk-counter')).toHaveTextContent(/longest gap 1\d\d ms/);
  });

  it('closes the dialog early with OK, and the asyncio loop resumes', async () => {
    const user = userEvent.setup();
    const { ui, panel, host } = renderPanel({
      kind: 'wait',
      duration: 50,
      rate: 100,
      poll: 20,
      dialog: 10_000,
    });
    panel.openDialog();
    host.advance(700);
    await user.click(ui.getByRole('button', { name: 'OK' }));
    flushSync();
    expect(panel.dialogOpen).toBe(false);
    const before = panel.asyncioCounter.ticks;
    host.advance(300);
    expect(panel.asyncioCounter.ticks).toBeGreaterThan(before);
  });

  describe('in guest mode', () => {
    const GUEST = {
      kind: 'wait' as const,
      duration: 50,
      rate: 100,
      poll: 20,
      dialog: 1000,
      mode: 'guest' as const,
    };

    it('starts from mode=guest: the guest radio checked, no poll field, the mode in its link', () => {
      const { ui, panel } = renderPanel(GUEST);
      expect(ui.getByRole('radio', { name: /guest mode/ })).toBeChecked();
      expect(ui.queryByLabelText(/Poll interval/)).toBeNull();
      expect(panel.shareable).toMatchObject({ panel: 'one-thread', mode: 'guest', poll: 20 });
      expect(ui.getByTestId('one-thread-guest-asyncio')).toHaveTextContent(/gh-145342/);
    });

    it('switches between the modes from the radio group, and the link follows', async () => {
      const user = userEvent.setup();
      const { ui, panel } = renderPanel();
      await user.click(ui.getByRole('radio', { name: /guest mode/ }));
      expect(panel.mode).toBe('guest');
      expect(panel.shareable?.mode).toBe('guest');
      expect(ui.getByRole('heading', { name: 'And asyncio?' })).toBeInTheDocument();
      await user.click(ui.getByRole('radio', { name: /polling/ }));
      expect(panel.mode).toBe('polling');
      expect(ui.getByLabelText(/Poll interval/)).toBeInTheDocument();
    });

    it("shows guest mode's own label and click count before its first run, and polling's again on the way back", async () => {
      const user = userEvent.setup({ advanceTimers: () => {} });
      const { ui, panel, host } = renderPanel();
      panel.run();
      host.advance(200);
      await user.click(ui.getByTestId('one-thread-tk-button'));
      host.advance(100);
      expect(ui.getByTestId('one-thread-output')).toHaveTextContent(/^waited 50 ms$/);
      expect(ui.getByTestId('one-thread-clicks')).toHaveTextContent(/^1 clicks? handled by Tk/);

      await user.click(ui.getByRole('radio', { name: /guest mode/ }));
      // Nothing of polling's run in guest mode's readouts.
      expect(ui.getByTestId('one-thread-output')).toHaveTextContent(/^idle$/);
      expect(ui.getByTestId('one-thread-clicks')).toHaveTextContent(/^0 clicks handled by Tk\.$/);
      panel.run();
      host.advance(200);
      expect(ui.getByTestId('one-thread-output')).toHaveTextContent(/waited 50 ms/);

      await user.click(ui.getByRole('radio', { name: /polling/ }));
      expect(ui.getByTestId('one-thread-clicks')).toHaveTextContent(/^1 clicks? handled by Tk/);
    });

    it("keeps each mode's runs, stall figure and dialog counters when the reader switches modes", async () => {
      const user = userEvent.setup({ advanceTimers: () => {} });
      const { ui, panel, host } = renderPanel();
      const column = (i: 0 | 1) => panel.figures[i];
      expect(panel.figures.map((f) => f.strategy)).toEqual([
        'one-thread-polling',
        'one-thread-guest',
      ]);
      panel.run();
      host.advance(200);
      expect(ui.getByTestId('one-thread-output')).toHaveTextContent('waited 50 ms');
      panel.openDialog();
      host.advance(2_500);
      const pollingGap = panel.asyncioCounter.longestGap;
      // Polling: the asyncio counter stops for the whole dialog.
      expect(pollingGap).toBeGreaterThanOrEqual(1000);
      expect(column(0)).toMatchObject({ runs: 1, longestStall: 0 });
      expect(column(1)).toMatchObject({ runs: 0, longestStall: null });

      await user.click(ui.getByRole('radio', { name: /guest mode/ }));
      // Guest mode starts with figures of its own; polling's are kept, not cleared.
      expect(ui.getByRole('status')).not.toHaveTextContent('during its tasks');
      expect(panel.asyncioCounter.longestGap).toBeNull();
      expect(column(0)).toMatchObject({ runs: 1, longestStall: 0 });
      panel.run();
      panel.run();
      host.advance(200);
      expect(column(1)).toMatchObject({ runs: 2, longestStall: 0 });
      expect(column(0)).toMatchObject({ runs: 1 });

      await user.click(ui.getByRole('radio', { name: /polling/ }));
      expect(ui.getByRole('status')).toHaveTextContent(/Longest stall\s*0\s*ms\s*during its tasks/);
      expect(panel.runs).toHaveLength(1);
      expect(panel.asyncioCounter.longestGap).toBe(pollingGap);
      expect(ui.getByTestId('one-thread-asyncio-counter')).toHaveTextContent(/longest gap/);
      expect(column(1)).toMatchObject({ runs: 2 });
    });

    it('handles a Tk click at once and shows a task label from the step that made it', () => {
      const { ui, panel, host } = renderPanel(GUEST);
      panel.tkClick(host.now());
      flushSync();
      expect(ui.getByTestId('one-thread-clicks')).toHaveTextContent(/^1 clicks/);
      panel.run();
      host.advance(49);
      expect(ui.getByTestId('one-thread-output')).not.toHaveTextContent('waited');
      host.advance(2);
      expect(ui.getByTestId('one-thread-output')).toHaveTextContent('waited 50 ms');
    });

    it('keeps both counters ticking while the dialog is open', () => {
      const { ui, panel, host } = renderPanel(GUEST);
      panel.openDialog();
      host.advance(700);
      expect(panel.dialogOpen).toBe(true);
      expect(ui.getByRole('group', { name: /Modal dialog/ })).toHaveTextContent(
        /still runs Trio's steps/,
      );
      const trioAtOpen = panel.asyncioCounter.ticks;
      host.advance(800);
      expect(panel.asyncioCounter.ticks).toBeGreaterThanOrEqual(trioAtOpen + 7);
      host.advance(1000);
      expect(panel.asyncioCounter.longestGap).toBeLessThan(150);
      expect(ui.getByTestId('one-thread-asyncio-counter')).toHaveTextContent(/^Trio task/);
    });

    it('counts the steps per second of a sleep(0) chain', async () => {
      const user = userEvent.setup({ advanceTimers: () => {} });
      const { ui, panel, host } = renderPanel(GUEST);
      await user.click(ui.getByRole('button', { name: 'Measure sleep(0) steps' }));
      expect(panel.chainRunning).toBe(true);
      host.advance(600);
      // One step every 0.05 ms of the fake clock: 20,000 per second.
      expect(panel.chainRate).toBeGreaterThan(15_000);
      expect(panel.chainRate).toBeLessThan(25_000);
      // Then the round trips started from a timer: still running.
      expect(panel.chainRunning).toBe(true);
      host.advance(1_000);
      expect(panel.chainRunning).toBe(false);
      expect(ui.getByTestId('one-thread-guest-chain')).toHaveTextContent(/steps per second/);
      // (The round trips' figures are drawn per frame; the e2e spec reads them.)
    });

    it('says so on the page when the helper thread cannot start', () => {
      const { ui, panel } = renderPanel(GUEST, () => {
        throw new DOMException('Workers are not allowed', 'SecurityError');
      });
      panel.run();
      flushSync();
      expect(ui.getByRole('alert')).toHaveTextContent(/helper thread could not start/);
    });
  });
});

describe('OneThreadPanel: predict, then run', () => {
  it('asks again in the other mode, in its words, until that mode has run', async () => {
    const user = userEvent.setup({ advanceTimers: () => {} });
    const { ui, panel, host } = renderPanel();
    panel.run();
    host.advance(200);
    expect(ui.getByTestId('one-thread-reveal')).toHaveTextContent(/^It kept redrawing/);
    await user.click(ui.getByRole('radio', { name: /guest mode/ }));
    expect(ui.getByRole('group', { name: /Does the window keep redrawing/ })).toHaveAccessibleName(
      /Trio's loop runs a 50 ms task/,
    );
    expect(ui.getByTestId('one-thread-reveal')).toBeEmptyDOMElement();
  });

  it('asks whether the window keeps redrawing, and the finished run answers', async () => {
    const user = userEvent.setup({ advanceTimers: () => {} });
    const { ui, panel, host } = renderPanel();
    const question = ui.getByRole('group', { name: /Does the window keep redrawing/ });
    expect(question).toHaveAccessibleName(/asyncio's loop runs a 50 ms task on the Tk thread/);
    await user.click(within(question).getByRole('radio', { name: /It freezes/ }));
    panel.run();
    host.advance(200);
    expect(ui.queryByRole('group', { name: /keep redrawing/ })).toBeNull();
    expect(ui.getByTestId('one-thread-reveal')).toHaveTextContent(
      /^You said “It freezes until the task ends”; it kept redrawing: in the \d+ ms the task took/,
    );
  });
});

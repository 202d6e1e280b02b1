import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { beforeAll, describe, expect, it } from 'vitest';
import OneThreadPanel from '../../src/panels/one-thread/OneThreadPanel.svelte';
import { OneThreadPanel as OneThreadPanelState } from '../../src/panels/one-thread/one-thread-panel.svelte';
import type { LoopHost } from '../../src/strategies/one-thread';
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

function renderPanel(
  initial = { kind: 'wait' as const, duration: 50, rate: 100, poll: 20, dialog: 1000 },
) {
  const { services, context } = testServices();
  const host = new FakeHost();
  const panel = new OneThreadPanelState(services.instrument, services.announcer, initial, { host });
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
});

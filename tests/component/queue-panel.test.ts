import { render, screen, waitFor, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeAll, describe, expect, it } from 'vitest';
import QueuePanel from '../../src/panels/queue/QueuePanel.svelte';
import { QueuePanel as QueuePanelState } from '../../src/panels/queue/queue-panel.svelte';
import type { WorkerLike } from '../../src/strategies/queue-polling';
import type { LoopToPage, PageToLoopPost } from '../../src/workers/protocol';
import { testServices } from './services';

/** Answers like the loop worker, at once: the page still only sees the answers at its next tick. */
class AnsweringWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  terminated = false;

  postMessage(post: PageToLoopPost): void {
    const now = performance.timeOrigin + performance.now();
    const answers: LoopToPage[] = [];
    for (const message of post) {
      if (message.type === 'touch-dom')
        answers.push({ type: 'dom-attempt', error: 'ReferenceError: document is not defined' });
      if (message.type === 'run') {
        answers.push({ type: 'started', id: message.id, at: now });
        answers.push({ type: 'result', id: message.id, value: 20, sent: 0, readyAt: now });
      }
    }
    this.onmessage?.({ data: answers } as MessageEvent<unknown>);
  }

  terminate(): void {
    this.terminated = true;
  }
}

function renderPanel(
  initial = { kind: 'wait' as const, duration: 20, rate: 100, poll: 10, tasks: 3 },
) {
  const { services, context } = testServices();
  const workers: AnsweringWorker[] = [];
  const panel = new QueuePanelState(services.instrument, services.announcer, initial, {
    spawn: () => {
      const worker = new AnsweringWorker();
      workers.push(worker);
      return worker;
    },
  });
  render(QueuePanel, { props: { panel }, context });
  const region = screen.getByRole('region', { name: /Queue/ });
  return { services, panel, workers, region, ui: within(region) };
}

describe('QueuePanel', () => {
  beforeAll(() => {
    // jsdom has no canvas; the lane timeline then falls back to its text, which is all these need.
    HTMLCanvasElement.prototype.getContext = () => null;
  });

  it('is a named region with a Run button, labelled inputs, the toggle and a Longest stall status', () => {
    const { ui } = renderPanel();
    expect(ui.getByRole('button', { name: 'Run' })).toBeInTheDocument();
    expect(ui.getByLabelText('Task kind')).toHaveValue('wait');
    expect(ui.getByLabelText(/Duration/)).toHaveValue('20');
    expect(ui.getByLabelText(/Poll interval/)).toHaveValue('10');
    expect(ui.getByLabelText(/Concurrent tasks/)).toHaveValue('3');
    expect(ui.getByRole('checkbox', { name: 'Stop polling while idle' })).not.toBeChecked();
    expect(
      ui.getByRole('checkbox', { name: 'Stop polling while idle' }),
    ).toHaveAccessibleDescription(/restart the timer on every submit/);
    expect(ui.getByRole('status')).toHaveTextContent(/Longest stall\s*0\s*ms/);
    expect(ui.getByRole('button', { name: 'Update the page from the worker' })).toBeInTheDocument();
  });

  for (const [value, message] of [
    ['0', 'Poll interval must be between 1–1,000 ms.'],
    ['5000', 'Poll interval must be between 1–1,000 ms.'],
    ['2.5', 'Poll interval must be a whole number, 1–1,000 ms.'],
  ] as const) {
    it(`refuses P = ${value} beside the field, with the range, and runs nothing`, async () => {
      const user = userEvent.setup();
      const { ui, workers, services } = renderPanel();
      const poll = ui.getByLabelText(/Poll interval/);
      await user.clear(poll);
      await user.type(poll, value);
      expect(poll).toHaveAttribute('aria-invalid', 'true');
      expect(poll).toHaveAccessibleDescription(message);
      await user.click(ui.getByRole('button', { name: 'Run' }));
      expect(ui.getByRole('alert')).toHaveTextContent('Not run');
      expect(workers).toHaveLength(0);
      expect(ui.getByTestId('queue-output')).toHaveTextContent('idle');
      expect(services.announcer.message).toBe('Not run: correct the highlighted fields first.');
    });
  }

  it('refuses more than 100 concurrent tasks', async () => {
    const user = userEvent.setup();
    const { ui, workers } = renderPanel();
    const tasks = ui.getByLabelText(/Concurrent tasks/);
    await user.clear(tasks);
    await user.type(tasks, '101');
    expect(tasks).toHaveAccessibleDescription('Concurrent tasks must be between 1–100 tasks.');
    await user.click(ui.getByRole('button', { name: 'Run' }));
    expect(workers).toHaveLength(0);
  });

  it('shows "submitted" from the click, and the results only after a poll tick', async () => {
    const user = userEvent.setup();
    // P = 500 ms: long enough that even a loaded machine reads the panel before the first tick.
    const { ui, workers } = renderPanel({
      kind: 'wait',
      duration: 20,
      rate: 100,
      poll: 500,
      tasks: 3,
    });
    await user.click(ui.getByRole('button', { name: 'Run' }));
    expect(workers).toHaveLength(1);
    // The worker answered at once, but the answers wait in the queue for the tick.
    expect(ui.getByTestId('queue-output')).toHaveTextContent('tasks 1–3: submitted');
    await waitFor(
      () => expect(ui.getByTestId('queue-output')).toHaveTextContent('task 3: waited 20 ms'),
      { timeout: 5_000 },
    );
    expect(ui.getByTestId('queue-tasks-done')).toHaveTextContent(/3 done · 0 failed · 0 in flight/);
    expect(ui.getByTestId('queue-tasks-done')).toHaveTextContent('delivered 6 messages at once');
    expect(workers[0]?.terminated).toBe(true);
  });

  it('shows the error the worker got when it tried to touch the DOM', async () => {
    const user = userEvent.setup();
    const { ui, services } = renderPanel();
    await user.click(ui.getByRole('button', { name: 'Update the page from the worker' }));
    await waitFor(() =>
      expect(ui.getByTestId('queue-dom-error')).toHaveTextContent(
        'ReferenceError: document is not defined',
      ),
    );
    expect(ui.getByText(/RuntimeError: main thread is not in main loop/)).toBeInTheDocument();
    expect(services.announcer.message).toMatch(/^The worker thread was refused/);
  });

  it('shows the Python, and the TypeScript one click away', async () => {
    const { region } = renderPanel();
    await waitFor(() =>
      expect(region.querySelector('pre[data-language="python"]')).toHaveTextContent(
        'import asyncio',
      ),
    );
    // The TypeScript sits in a closed disclosure that says what it holds.
    const summary = within(region).getByText('The TypeScript that runs this panel in your browser');
    expect(summary.closest('details')?.open).toBe(false);
    await waitFor(() =>
      expect(
        summary.closest('details')?.querySelector('pre[data-language="typescript"]'),
      ).not.toBeNull(),
    );
    await waitFor(() =>
      expect(region.querySelector('pre[data-language="typescript"]')).toHaveTextContent(
        'export class QueuePolling',
      ),
    );
  });
});

describe('QueuePanel: predict, then run', () => {
  beforeAll(() => {
    HTMLCanvasElement.prototype.getContext = () => null;
  });

  it('asks whether the Tk thread’s stand-in keeps turning, and the finished run answers', async () => {
    const user = userEvent.setup();
    const { ui } = renderPanel();
    const question = ui.getByRole('group', { name: /does the spinner standing in for your Tk/ });
    expect(question).toHaveAccessibleName(/the 20 ms task/);
    await user.click(within(question).getByRole('radio', { name: 'It stops until the task ends' }));
    await user.click(ui.getByRole('button', { name: 'Run' }));
    expect(ui.queryByRole('group', { name: /spinner/ })).toBeNull();
    await waitFor(
      () =>
        expect(ui.getByTestId('queue-reveal')).toHaveTextContent(
          /^You said “It stops until the task ends”; it kept turning: in the [\d,]+ ms the run took, this strategy never froze this page/,
        ),
      { timeout: 5_000 },
    );
  });
});

import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import DedicatedPanel from '../../src/panels/dedicated/DedicatedPanel.svelte';
import { DedicatedPanel as DedicatedPanelState } from '../../src/panels/dedicated/dedicated-panel.svelte';
import type { TaskKind } from '../../src/tasks/params';
import { FakeLoopWorker as FakeWorker } from '../support/fake-loop-worker';
import { testServices } from './services';

// jsdom has no Worker: the panel gets a FakeLoopWorker, which the test answers for.
const epoch = () => performance.timeOrigin + performance.now();

function renderPanel(
  initial: { kind: TaskKind; duration: number; rate: number; tasks: number } = {
    kind: 'wait',
    duration: 50,
    rate: 100,
    tasks: 3,
  },
) {
  const { services, context } = testServices();
  const workers: FakeWorker[] = [];
  const panel = new DedicatedPanelState(services.instrument, services.announcer, initial, () => {
    const worker = new FakeWorker();
    workers.push(worker);
    return worker;
  });
  render(DedicatedPanel, { props: { panel }, context });
  const region = screen.getByRole('region', { name: /Dedicated/ });
  let clock = performance.now();
  /** One frame of the page's frame loop (the instrument is not started in these tests). */
  const frame = async (advance = 16) => {
    await Promise.resolve(); // let settled promises run their handlers first
    clock = Math.max(clock, performance.now()) + advance;
    panel.commit(clock);
    flushSync();
  };
  /** The rows of tasks, apart from any other table in the panel. */
  const taskList = () => within(within(region).getByRole('region', { name: 'Task list' }));
  return { services, panel, workers, region, ui: within(region), frame, taskList };
}

describe('DedicatedPanel', () => {
  it('is a named region with a Run button, labelled inputs and a Longest stall status', () => {
    const { ui } = renderPanel();
    expect(ui.getByRole('button', { name: 'Run' })).toBeInTheDocument();
    expect(ui.getByLabelText('Task kind')).toHaveValue('wait');
    expect(ui.getByLabelText(/Duration/)).toHaveValue('50');
    expect(ui.getByLabelText(/Concurrent tasks/)).toHaveValue('3');
    expect(ui.getByRole('checkbox', { name: /executor/ })).not.toBeChecked();
    expect(ui.getByTestId('dedicated-status')).toHaveTextContent(/Longest stall\s*0\s*ms/);
  });

  it('has Cancel all, Stop, Kill worker, Crash worker and Throw, each named', () => {
    const { ui } = renderPanel();
    const controls = within(ui.getByRole('group', { name: 'Loop controls' }));
    expect(controls.getByRole('button', { name: 'Cancel all' })).toBeDisabled();
    expect(controls.getByRole('button', { name: 'Stop' })).toBeEnabled();
    expect(controls.getByRole('button', { name: 'Kill worker' })).toBeEnabled();
    expect(controls.getByRole('button', { name: 'Crash worker' })).toBeEnabled();
    expect(ui.getByRole('button', { name: 'Throw' })).toHaveAccessibleDescription(
      /raises once its work is done/,
    );
  });

  it('shows the Python and the TypeScript it runs', async () => {
    const { region } = renderPanel();
    const text = (language: string) =>
      region.querySelector(`pre[data-language="${language}"]`)?.textContent;
    // The code view and the sources are chunks of their own: give them time on a busy machine.
    await expect.poll(() => text('python'), { timeout: 10_000 }).toContain('import asyncio');
    // The TypeScript sits in a closed disclosure that says what it holds.
    const summary = within(region).getByText('The TypeScript that runs this panel in your browser');
    const details = summary.closest('details');
    expect(details?.open).toBe(false);
    expect(details?.querySelector('pre[data-language="typescript"]')).not.toBeNull();
    await expect
      .poll(() => text('typescript'), { timeout: 10_000 })
      .toContain('export class DedicatedLoop');
  }, 25_000);

  for (const [typed, message] of [
    ['0', 'Concurrent tasks must be between 1–100 tasks.'],
    ['101', 'Concurrent tasks must be between 1–100 tasks.'],
    ['2.5', 'Concurrent tasks must be a whole number, 1–100 tasks.'],
  ]) {
    it(`refuses ${typed} concurrent tasks beside the field and runs nothing`, async () => {
      const user = userEvent.setup();
      const { ui, workers, services } = renderPanel();
      const field = ui.getByLabelText(/Concurrent tasks/);
      await user.clear(field);
      await user.type(field, typed as string);
      expect(field).toHaveAttribute('aria-invalid', 'true');
      expect(field).toHaveAccessibleDescription(message as string);
      await user.click(ui.getByRole('button', { name: 'Run' }));
      expect(ui.getByRole('alert')).toHaveTextContent('Not run');
      expect(workers).toHaveLength(0);
      expect(services.announcer.message).toBe('Not run: correct the highlighted fields first.');
    });
  }

  it('refuses an out-of-range duration for Throw too', async () => {
    const user = userEvent.setup();
    const { ui, workers } = renderPanel();
    const duration = ui.getByLabelText(/Duration/);
    await user.clear(duration);
    await user.type(duration, '5');
    await user.click(ui.getByRole('button', { name: 'Throw' }));
    expect(ui.getByRole('alert')).toHaveTextContent('Not run');
    expect(workers).toHaveLength(0);
  });

  it('submits N tasks at once, each row with its own Cancel button', async () => {
    const user = userEvent.setup();
    const { taskList, ui, workers, frame } = renderPanel();
    await user.click(ui.getByRole('button', { name: 'Run' }));
    expect(workers).toHaveLength(1);
    const worker = workers[0] as FakeWorker;
    const ids = worker.runs();
    expect(ids).toHaveLength(3);
    // Submitted in one turn, so they cross in one postMessage.
    expect(worker.posts).toHaveLength(1);
    await frame();
    for (const id of ids) {
      expect(ui.getByRole('button', { name: `Cancel task ${id}` })).toBeEnabled();
    }
    expect(ui.getByRole('button', { name: 'Cancel all' })).toBeEnabled();

    await user.click(ui.getByRole('button', { name: `Cancel task ${ids[1]}` }));
    expect(worker.posted.at(-1)).toEqual({ type: 'cancel', id: ids[1] });
    await frame();
    expect(ui.getByRole('button', { name: `Cancel task ${ids[1]}` })).toBeDisabled();
    expect(
      taskList().getByRole('row', { name: new RegExp(`Task ${ids[1]}\\b`) }),
    ).toHaveTextContent('cancelling…');

    worker.send({ type: 'cancelled', id: ids[1] as number, at: epoch() });
    await frame();
    expect(ui.queryByRole('button', { name: `Cancel task ${ids[1]}` })).toBeNull();
    expect(ui.getByTestId('dedicated-tally')).toHaveTextContent('0 done · 0 failed · 1 cancelled');
  });

  it('lists the newest task first, so the task just submitted is in view', async () => {
    const user = userEvent.setup();
    const { taskList, ui, workers, frame } = renderPanel();
    await user.click(ui.getByRole('button', { name: 'Run' }));
    await user.click(ui.getByRole('button', { name: 'Throw' }));
    await frame();
    const ids = (workers[0] as FakeWorker).runs();
    const names = taskList()
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getByRole('rowheader').textContent);
    expect(names).toEqual([...ids].reverse().map((id) => `Task ${id}`));
    expect(taskList().getByRole('table')).toHaveAccessibleName(/newest first/);
  });

  it('Cancel all asks the worker to cancel every task in flight', async () => {
    const user = userEvent.setup();
    const { ui, workers, frame } = renderPanel();
    await user.click(ui.getByRole('button', { name: 'Run' }));
    await frame();
    await user.click(ui.getByRole('button', { name: 'Cancel all' }));
    const worker = workers[0] as FakeWorker;
    const cancels = worker.posted.flatMap((m) => (m.type === 'cancel' ? [m.id] : []));
    expect(cancels.sort()).toEqual(worker.runs().sort());
  });

  it('updates the DOM once per frame, with everything that arrived since the last one', async () => {
    const user = userEvent.setup();
    const { taskList, ui, workers, frame, services } = renderPanel({
      kind: 'stream',
      duration: 100,
      rate: 100,
      tasks: 1,
    });
    await user.click(ui.getByRole('button', { name: 'Run' }));
    await frame();
    const worker = workers[0] as FakeWorker;
    const [id] = worker.runs() as [number];
    worker.send({ type: 'started', id, at: epoch() });
    for (let first = 1; first <= 10; first += 2) {
      const values = new Float64Array([first, first + 1]);
      worker.send({ type: 'progress', id, first, values, total: 10, at: epoch() });
    }
    flushSync();
    // Nothing is shown until the frame loop commits…
    expect(ui.getByTestId('dedicated-updates')).toHaveTextContent('received 0');
    await frame();
    // …and then all of it at once.
    expect(ui.getByRole('progressbar', { name: `Task ${id} progress` })).toHaveAttribute(
      'value',
      '10',
    );
    expect(ui.getByTestId('dedicated-updates')).toHaveTextContent(
      'sent 10 by the loop thread · received 10 by the Tk thread · lost 0',
    );

    worker.send({ type: 'result', id, value: 10, sent: 10, readyAt: epoch() });
    await frame();
    expect(taskList().getByRole('row', { name: new RegExp(`Task ${id}\\b`) })).toHaveTextContent(
      'streamed 10 of 10 updates',
    );
    expect(ui.getByTestId('dedicated-delivery')).toHaveTextContent(/p50 \d+ ms/);
    expect(ui.getByTestId('dedicated-messages')).toHaveTextContent(
      '1 from the Tk thread to the loop thread (in 1 batch) · 7 back (in 7 batches) · 0 unreadable',
    );
    // The single result is announced once the burst has been quiet for a moment.
    await frame(200);
    expect(services.announcer.message).toBe(`Task ${id} done: streamed 10 of 10 updates.`);
  });

  it('announces a burst of results once, not once per task', async () => {
    const user = userEvent.setup();
    const { ui, workers, frame, services, panel } = renderPanel();
    panel.tasks = '20';
    await user.click(ui.getByRole('button', { name: 'Run' }));
    const worker = workers[0] as FakeWorker;
    const before = services.announcer.count;
    for (const id of worker.runs())
      worker.send({ type: 'result', id, value: 50, sent: 0, readyAt: epoch() });
    await frame();
    await frame();
    expect(services.announcer.count).toBe(before);
    await frame(200);
    expect(services.announcer.count).toBe(before + 1);
    expect(services.announcer.message).toBe('20 tasks finished: 20 done.');
    expect(ui.getByTestId('dedicated-tally')).toHaveTextContent('20 done');
  });

  it('reports a task that raised, with its message', async () => {
    const user = userEvent.setup();
    const { taskList, ui, workers, frame } = renderPanel();
    await user.click(ui.getByRole('button', { name: 'Throw' }));
    const worker = workers[0] as FakeWorker;
    expect(worker.posted.at(-1)).toMatchObject({ type: 'run', raise: true });
    const [id] = worker.runs() as [number];
    worker.send({ type: 'failed', id, message: 'ValueError: on purpose', readyAt: epoch() });
    await frame();
    const row = taskList().getByRole('row', { name: new RegExp(`Task ${id}\\b`) });
    expect(row).toHaveTextContent('failed');
    expect(row).toHaveTextContent('ValueError: on purpose');
  });

  it('Kill worker terminates it and marks its tasks killed; the next Run starts a fresh one', async () => {
    const user = userEvent.setup();
    const { taskList, ui, workers, frame, services } = renderPanel();
    await user.click(ui.getByRole('button', { name: 'Run' }));
    await user.click(ui.getByRole('button', { name: 'Kill worker' }));
    await frame();
    expect(workers[0]?.terminated).toBe(true);
    expect(taskList().getAllByRole('row', { name: /killed/ })).toHaveLength(3);
    expect(ui.getByTestId('dedicated-tally')).toHaveTextContent('3 failed (3 killed)');
    expect(ui.getByTestId('dedicated-notice')).toHaveTextContent(
      'Killed, mid-instruction, as Python cannot kill a thread: 3 tasks in flight rejected',
    );
    expect(services.announcer.message).toMatch(/^Killed, mid-instruction/);
    expect(ui.getByTestId('dedicated-worker')).toHaveTextContent('no worker');
    await user.click(ui.getByRole('button', { name: 'Run' }));
    expect(workers).toHaveLength(2);
  });

  it('Stop asks the loop to stop and reports what it cancelled', async () => {
    const user = userEvent.setup();
    const { ui, workers, frame } = renderPanel();
    await user.click(ui.getByRole('button', { name: 'Run' }));
    await user.click(ui.getByRole('button', { name: 'Stop' }));
    const worker = workers[0] as FakeWorker;
    expect(worker.posted.at(-1)).toEqual({ type: 'stop' });
    await frame();
    expect(ui.getByTestId('dedicated-worker')).toHaveTextContent('stopping');
    const ids = worker.runs();
    for (const id of ids) worker.send({ type: 'cancelled', id, at: epoch() });
    worker.send({ type: 'stopped', cancelled: ids, at: epoch() });
    await frame();
    expect(ui.getByTestId('dedicated-notice')).toHaveTextContent(
      'Stopped cleanly: 3 tasks cancelled and reported',
    );
    expect(ui.getByTestId('dedicated-tally')).toHaveTextContent('3 cancelled');
    expect(ui.getByTestId('dedicated-worker')).toHaveTextContent('no worker');
  });

  it('says so when there is nothing to stop or kill', async () => {
    const user = userEvent.setup();
    const { ui, frame } = renderPanel();
    await user.click(ui.getByRole('button', { name: 'Stop' }));
    await frame();
    expect(ui.getByTestId('dedicated-notice')).toHaveTextContent('No loop to stop.');
    await user.click(ui.getByRole('button', { name: 'Kill worker' }));
    await frame();
    expect(ui.getByTestId('dedicated-notice')).toHaveTextContent('No worker to kill');
  });
  it('clears "Stopped cleanly …" when the next Run starts a new worker', async () => {
    const user = userEvent.setup();
    const { ui, workers, frame } = renderPanel();
    await user.click(ui.getByRole('button', { name: 'Run' }));
    await user.click(ui.getByRole('button', { name: 'Stop' }));
    const worker = workers[0] as FakeWorker;
    const ids = worker.runs();
    for (const id of ids) worker.send({ type: 'cancelled', id, at: epoch() });
    worker.send({ type: 'stopped', cancelled: ids, at: epoch() });
    await frame();
    expect(ui.getByTestId('dedicated-notice')).toHaveTextContent('Stopped cleanly');
    await user.click(ui.getByRole('button', { name: 'Run' }));
    await frame();
    expect(workers).toHaveLength(2);
    expect(ui.queryByTestId('dedicated-notice')).toBeNull();
  });

  it('clears "Not run" once the refused field is corrected', async () => {
    const user = userEvent.setup();
    const { ui } = renderPanel();
    const field = ui.getByLabelText(/Concurrent tasks/);
    await user.clear(field);
    await user.type(field, '0');
    await user.click(ui.getByRole('button', { name: 'Run' }));
    expect(ui.getByRole('alert')).toHaveTextContent('Not run');
    await user.clear(field);
    await user.type(field, '2');
    expect(ui.queryByRole('alert')).toBeNull();
  });

  describe("wait tasks' lateness blames the loop only for what the loop did", () => {
    /** Sets the form's task kind and duration (ms) and the count, then presses Run. */
    async function runTask(
      ui: ReturnType<typeof renderPanel>['ui'],
      panel: DedicatedPanelState,
      kind: TaskKind,
      duration: number,
    ) {
      panel.form.kind = kind;
      panel.form.duration = String(duration);
      panel.tasks = '1';
      flushSync();
      await userEvent.setup().click(ui.getByRole('button', { name: 'Run' }));
    }

    it('a single wait task on a cold worker with a slow start-up is not late', async () => {
      const { ui, panel, workers, frame } = renderPanel();
      await runTask(ui, panel, 'wait', 50);
      const worker = workers[0] as FakeWorker;
      const [id] = worker.runs() as [number];
      // The worker took 400 ms to load and start its loop; then the task ran on time.
      const up = epoch() + 400;
      worker.send({ type: 'started', id, at: up });
      worker.send({ type: 'result', id, value: 50, sent: 0, readyAt: up + 52 });
      await frame();
      expect(ui.getByTestId('dedicated-tally')).toHaveTextContent('1 done');
      expect(panel.loopLag).not.toBeNull();
      expect(panel.loopLag as number).toBeLessThanOrEqual(20);
      expect(ui.queryByTestId('dedicated-lag')).toBeNull();
    });

    it('a wait task held behind a cpu task on the loop is reported late', async () => {
      const { ui, panel, workers, frame } = renderPanel();
      // The worker is up and has run a task already.
      await runTask(ui, panel, 'wait', 50);
      const worker = workers[0] as FakeWorker;
      const [warm] = worker.runs() as [number];
      const t0 = epoch();
      worker.send({ type: 'started', id: warm, at: t0 });
      worker.send({ type: 'result', id: warm, value: 50, sent: 0, readyAt: t0 + 50 });
      await frame();

      await runTask(ui, panel, 'cpu', 300);
      await runTask(ui, panel, 'wait', 50);
      const [cpu, wait] = worker.runs().slice(1) as [number, number];
      const t1 = epoch();
      // The cpu task holds the loop for 300 ms; the wait task can only start after it.
      worker.send({ type: 'started', id: cpu, at: t1 });
      worker.send({ type: 'result', id: cpu, value: 1, sent: 0, readyAt: t1 + 300 });
      worker.send({ type: 'started', id: wait, at: t1 + 300 });
      worker.send({ type: 'result', id: wait, value: 50, sent: 0, readyAt: t1 + 350 });
      await frame();
      expect(ui.getByTestId('dedicated-tally')).toHaveTextContent('3 done');
      const lag = ui.getByTestId('dedicated-lag');
      expect(lag).toHaveTextContent(/late: something held the worker's loop/);
      // At least the 300 ms the cpu task held the loop (more when this machine was slow to click).
      const late = Number(
        /up to ([\d,]+) ms late/.exec(lag.textContent ?? '')?.[1]?.replace(',', ''),
      );
      expect(late).toBeGreaterThanOrEqual(300);
    });
  });
});

describe('DedicatedPanel: predict, then run', () => {
  it('answering sets up three wait tasks, and their measured time answers', async () => {
    const user = userEvent.setup();
    const { ui, panel, workers, frame } = renderPanel({
      kind: 'cpu',
      duration: 50,
      rate: 100,
      tasks: 1,
    });
    const question = ui.getByRole('group', { name: /When is the last one done/ });
    await user.click(within(question).getByRole('radio', { name: 'After about 150 ms' }));
    expect(ui.getByLabelText('Task kind')).toHaveValue('wait');
    expect(ui.getByLabelText(/Concurrent tasks/)).toHaveValue('3');
    await user.click(ui.getByRole('button', { name: 'Run' }));
    await frame();
    expect(ui.queryByRole('group', { name: /When is the last one done/ })).toBeNull();
    expect(ui.getByTestId('dedicated-reveal')).toHaveTextContent(/^Your answer is in/);
    const worker = workers[0] as FakeWorker;
    const up = epoch();
    for (const [i, id] of worker.runs().entries()) {
      worker.send({ type: 'started', id, at: up });
      worker.send({ type: 'result', id, value: 50, sent: 0, readyAt: up + 51 + i });
    }
    await frame();
    expect(panel.firstStretch).toMatchObject({ tasks: 3, done: 3, kind: 'wait' });
    expect(ui.getByTestId('dedicated-reveal')).toHaveTextContent(
      /^You said “After about 150 ms”; the last of your 3 wait tasks of 50 ms was done \d+ ms after the loop had them: about 50 ms, not 150 ms; the one loop ran them together/,
    );
  });
});

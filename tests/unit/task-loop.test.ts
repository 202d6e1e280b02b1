import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { streamCount, type TaskSpec } from '../../src/tasks/params';
import type { LoopToPage, PageToLoop, TaskProgress } from '../../src/workers/protocol';
import { TaskLoop } from '../../src/strategies/loop/task-loop';

/** A TaskLoop on fake time: timers and the clock move only when the test advances them. */
function setup() {
  const posted: LoopToPage[] = [];
  const transfers: Transferable[][] = [];
  const executorJobs: number[] = [];
  let closed = false;
  const loop = new TaskLoop({
    post: (message, transfer) => {
      posted.push(message);
      if (transfer) transfers.push(transfer);
    },
    now: () => Date.now(),
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    runInExecutor: (durationMs) => {
      executorJobs.push(durationMs);
      return new Promise((resolve) => setTimeout(() => resolve(0xc0ffee), durationMs));
    },
    close: () => {
      closed = true;
    },
  });
  const send = (message: PageToLoop) => loop.handle(message);
  const run = (id: number, task: TaskSpec, options: { executor?: boolean; raise?: boolean } = {}) =>
    send({
      type: 'run',
      id,
      task,
      executor: options.executor ?? false,
      raise: options.raise ?? false,
    });
  const of = <T extends LoopToPage['type']>(type: T, id?: number) =>
    posted.filter(
      (m): m is Extract<LoopToPage, { type: T }> =>
        m.type === type && (id === undefined || ('id' in m && m.id === id)),
    );
  return {
    loop,
    posted,
    transfers,
    executorJobs,
    send,
    run,
    of,
    isClosed: () => closed,
  };
}

const wait = (durationMs: number): TaskSpec => ({ kind: 'wait', durationMs, ratePerSecond: 1 });
const cpu = (durationMs: number): TaskSpec => ({ kind: 'cpu', durationMs, ratePerSecond: 1 });
const stream = (durationMs: number, ratePerSecond: number): TaskSpec => ({
  kind: 'stream',
  durationMs,
  ratePerSecond,
});

/** Every update of a task's stream, in the order the batches were posted. */
function updates(batches: TaskProgress[]): { numbers: number[]; values: number[] } {
  const numbers: number[] = [];
  const values: number[] = [];
  for (const batch of batches) {
    batch.values.forEach((value, i) => {
      numbers.push(batch.first + i);
      values.push(value);
    });
  }
  return { numbers, values };
}

describe('TaskLoop', () => {
  beforeEach(() => {
    // performance.now() stays real: a cpu task computes against it, and must be able to finish.
    vi.useFakeTimers({ now: 1_700_000_000_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs a wait task on a timer: started at once, result when the time is up', async () => {
    const { run, of, loop } = setup();
    const start = Date.now();
    run(1, wait(500));
    expect(of('started', 1)).toEqual([{ type: 'started', id: 1, at: start }]);
    await vi.advanceTimersByTimeAsync(499);
    expect(of('result', 1)).toHaveLength(0);
    expect(loop.pending).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(of('result', 1)).toEqual([
      { type: 'result', id: 1, value: 500, sent: 0, readyAt: start + 500 },
    ]);
    expect(loop.pending).toBe(0);
  });

  it('answers a zero wait within the same call, with no await, and a raise as a failure', () => {
    const { run, posted, loop } = setup();
    run(1, wait(0));
    run(2, wait(0), { raise: true });
    // Synchronous: the worker's handler posts both answers before it returns, in one post.
    expect(posted.map((m) => [m.type, 'id' in m ? m.id : 0])).toEqual([
      ['started', 1],
      ['result', 1],
      ['started', 2],
      ['failed', 2],
    ]);
    expect(loop.pending).toBe(0);
  });

  it('runs many wait tasks at once on one loop', async () => {
    const { run, of } = setup();
    for (let id = 1; id <= 20; id++) run(id, wait(100 + id));
    await vi.advanceTimersByTimeAsync(121);
    const results = of('result');
    expect(results.map((r) => r.id)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    // Concurrent, not one after another: the last finished 120 ms in, not after the sum.
    expect(Math.max(...results.map((r) => r.readyAt)) - results[0]!.readyAt).toBeLessThan(25);
  });

  it('computes a cpu task on the loop itself, holding up the tasks that were due meanwhile', async () => {
    const { run, of } = setup();
    run(1, wait(10));
    run(2, cpu(30));
    const before = performance.now();
    await vi.advanceTimersByTimeAsync(0);
    // The computation ran synchronously inside that step: it took real time on this thread…
    expect(performance.now() - before).toBeGreaterThanOrEqual(25);
    expect(of('result', 2)).toHaveLength(1);
    // …and the wait task, due at 10 ms, had not run: the loop was busy.
    expect(of('result', 1)).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(10);
    expect(of('result', 1)).toHaveLength(1);
  });

  it('hands a cpu task to the executor when asked, and keeps serving meanwhile', async () => {
    const { run, of, executorJobs } = setup();
    run(1, cpu(300), { executor: true });
    run(2, wait(50));
    expect(executorJobs).toEqual([300]);
    await vi.advanceTimersByTimeAsync(50);
    expect(of('result', 2)).toHaveLength(1);
    expect(of('result', 1)).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(250);
    expect(of('result', 1)).toEqual([expect.objectContaining({ id: 1, value: 0xc0ffee })]);
  });

  it('streams every update, numbered and in order, in batches of about one per tick', async () => {
    const { run, of, posted, transfers } = setup();
    const task = stream(1_000, 5_000);
    const total = streamCount(task.durationMs, task.ratePerSecond);
    run(7, task);
    await vi.advanceTimersByTimeAsync(1_100);
    const batches = of('progress', 7);
    const { numbers, values } = updates(batches);
    expect(numbers).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    expect(values.at(-1)).toBe(task.durationMs);
    expect(batches.every((b) => b.total === total)).toBe(true);
    // Batched: one message per ~16 ms tick, not one per update.
    expect(batches.length).toBeLessThanOrEqual(70);
    expect(batches.length).toBeGreaterThanOrEqual(50);
    // Each batch's buffer is handed over, not copied.
    expect(transfers).toHaveLength(batches.length);
    expect(transfers[0]?.[0]).toBe(batches[0]?.values.buffer);
    expect(of('result', 7)).toEqual([
      expect.objectContaining({ id: 7, value: total, sent: total }),
    ]);
    // The result comes after the last batch.
    expect(posted.filter((m) => 'id' in m && m.id === 7).at(-1)?.type).toBe('result');
  });

  it('streams a slow rate one update at a time, on time', async () => {
    const { run, of } = setup();
    const start = Date.now();
    run(1, stream(1_000, 4));
    await vi.advanceTimersByTimeAsync(1_000);
    const batches = of('progress', 1);
    expect(batches.map((b) => b.first)).toEqual([1, 2, 3, 4]);
    expect(batches.map((b) => b.at - start)).toEqual([250, 500, 750, 1_000]);
  });

  it('cancels a task at its next await and answers cancelled, never a result', async () => {
    const { run, send, of, loop } = setup();
    run(1, wait(1_000));
    run(2, stream(1_000, 100));
    await vi.advanceTimersByTimeAsync(200);
    send({ type: 'cancel', id: 1 });
    send({ type: 'cancel', id: 2 });
    await vi.advanceTimersByTimeAsync(0);
    expect(of('cancelled').map((m) => m.id)).toEqual([1, 2]);
    const sentBefore = of('progress', 2).length;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(of('result')).toHaveLength(0);
    expect(of('progress', 2)).toHaveLength(sentBefore);
    expect(loop.pending).toBe(0);
  });

  it('ignores a cancel for a task it does not have, and a second run with the same id', async () => {
    const { run, send, of } = setup();
    send({ type: 'cancel', id: 99 });
    run(1, wait(10));
    run(1, wait(10));
    await vi.advanceTimersByTimeAsync(10);
    expect(of('started', 1)).toHaveLength(1);
    expect(of('result', 1)).toHaveLength(1);
    expect(of('cancelled')).toHaveLength(0);
  });

  it('reports a task that raises as failed, with its message, and keeps serving', async () => {
    const { run, of } = setup();
    run(1, wait(10), { raise: true });
    await vi.advanceTimersByTimeAsync(10);
    expect(of('failed', 1)).toEqual([
      expect.objectContaining({ id: 1, message: expect.stringMatching(/^ValueError: task 1/) }),
    ]);
    run(2, wait(10));
    await vi.advanceTimersByTimeAsync(10);
    expect(of('result', 2)).toHaveLength(1);
  });

  it('stops cleanly: pending tasks cancelled and reported, then stopped, then closed', async () => {
    const { run, send, of, posted, isClosed } = setup();
    run(1, wait(1_000));
    run(2, stream(1_000, 50));
    await vi.advanceTimersByTimeAsync(100);
    send({ type: 'stop' });
    expect(isClosed()).toBe(false);
    await vi.advanceTimersByTimeAsync(0);
    expect(
      of('cancelled')
        .map((m) => m.id)
        .sort(),
    ).toEqual([1, 2]);
    const stopped = of('stopped');
    expect(stopped).toEqual([expect.objectContaining({ cancelled: [1, 2] })]);
    // `stopped` is the last word, and only then does the worker close.
    expect(posted.at(-1)?.type).toBe('stopped');
    expect(isClosed()).toBe(true);
    // A stopping loop takes no new work.
    run(3, wait(10));
    await vi.advanceTimersByTimeAsync(10);
    expect(of('started', 3)).toHaveLength(0);
  });

  it('throws outside any task when asked to crash', async () => {
    const { send } = setup();
    send({ type: 'crash' });
    await expect(vi.advanceTimersByTimeAsync(0)).rejects.toThrow(/crashed outside any task/);
  });
});

// Round-trip latency and pipelined throughput between the page and a worker, for each way of
// talking to it. Driven by bench/sections/messaging.mjs through window.messaging.
import { wrap } from 'comlink';
import { dedicatedTrip } from './dedicated-trip';
import type { LoopToPagePost, PageToLoop } from '../../src/workers/protocol';

/** Sends a request to a worker and resolves with its answer. */
export type RoundTrip = (id: number) => Promise<unknown>;

/** One way of talking to a worker, with the worker it started. */
export interface Contender {
  trip: RoundTrip;
  close(): void;
}

/** performance.now() is coarse here (100 µs), so trips are timed in batches and divided. */
const BATCH = 20;
const WARM_UP = 200;

export interface Measured {
  mean: number;
  p50: number;
  p99: number;
  perSecond: number;
}

/**
 * Every contender in one round, their batches interleaved: a slow patch on this shared machine
 * lands on all of them alike, so ratios between them hold even when absolute times drift.
 */
async function measureRound(
  names: string[],
  trips: number,
  pipelined: number,
): Promise<Record<string, Measured>> {
  const contenders = names.map((name) => {
    const make = makers[name];
    if (!make) throw new Error(`no round trip named ${name}`);
    return make();
  });
  try {
    for (const { trip } of contenders) for (let i = 0; i < WARM_UP; i++) await trip(i);
    const perTrip = contenders.map((): number[] => []);
    for (let b = 0; b < trips / BATCH; b++) {
      for (const [k, { trip }] of contenders.entries()) {
        const t0 = performance.now();
        for (let i = 0; i < BATCH; i++) await trip(i);
        perTrip[k]?.push((performance.now() - t0) / BATCH);
      }
    }
    const perSecond: number[] = [];
    for (const { trip } of contenders) perSecond.push(await throughput(trip, pipelined));
    return Object.fromEntries(
      names.map((name, k) => {
        const sorted = (perTrip[k] ?? []).sort((a, b) => a - b);
        const at = (q: number) =>
          sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
        const mean = sorted.reduce((sum, t) => sum + t, 0) / sorted.length;
        return [name, { mean, p50: at(0.5), p99: at(0.99), perSecond: perSecond[k] ?? 0 }];
      }),
    );
  } finally {
    for (const contender of contenders) contender.close();
  }
}

async function throughput(trip: RoundTrip, count: number) {
  const start = performance.now();
  await Promise.all(Array.from({ length: count }, (_, i) => trip(i)));
  return (count * 1000) / (performance.now() - start);
}

function rawTrip(): Contender {
  const worker = new Worker(new URL('./raw.worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, () => void>();
  let next = 0;
  worker.onmessage = (event: MessageEvent<{ id: number }>) => {
    pending.get(event.data.id)?.();
    pending.delete(event.data.id);
  };
  return {
    trip: () =>
      new Promise<void>((resolve) => {
        const id = next++;
        pending.set(id, resolve);
        worker.postMessage({ id });
      }),
    close: () => worker.terminate(),
  };
}

function sameMessagesTrip(): Contender {
  const worker = new Worker(new URL('./same-messages.worker.ts', import.meta.url), {
    type: 'module',
  });
  const pending = new Map<number, () => void>();
  let next = 0;
  worker.onmessage = (event: MessageEvent<LoopToPagePost>) => {
    for (const message of event.data) {
      if (message.type !== 'result') continue;
      pending.get(message.id)?.();
      pending.delete(message.id);
    }
  };
  return {
    trip: () =>
      new Promise<void>((resolve) => {
        const id = next++;
        pending.set(id, resolve);
        const run: PageToLoop = {
          type: 'run',
          id,
          task: { kind: 'wait', durationMs: 0, ratePerSecond: 1 },
          executor: false,
          raise: false,
        };
        worker.postMessage([run]);
      }),
    close: () => worker.terminate(),
  };
}

function comlinkTrip(): Contender {
  const worker = new Worker(new URL('./comlink.worker.ts', import.meta.url), { type: 'module' });
  const api = wrap<{ echo(id: number): number }>(worker);
  return { trip: (id) => api.echo(id), close: () => worker.terminate() };
}

const makers: Record<string, () => Contender> = {
  raw: rawTrip,
  'raw, same messages': sameMessagesTrip,
  comlink: comlinkTrip,
  dedicated: dedicatedTrip,
};

(
  window as unknown as { messaging: { measureRound: typeof measureRound; names: () => string[] } }
).messaging = {
  measureRound,
  names: () => Object.keys(makers),
};

// Round-trip latency and pipelined throughput between the page and a worker, for each way of
// talking to it. Driven by bench/sections/messaging.mjs through window.messaging.
import { wrap } from 'comlink';
import { dedicatedTrip } from './dedicated-trip';

/** Something that sends a request to a worker and resolves with its answer. */
export type RoundTrip = (id: number) => Promise<unknown>;

/** performance.now() is coarse here (100 µs), so trips are timed in batches and divided. */
const BATCH = 20;

async function latency(trip: RoundTrip, trips: number) {
  for (let i = 0; i < 200; i++) await trip(i); // warm up
  const perTrip: number[] = [];
  const start = performance.now();
  for (let b = 0; b < trips / BATCH; b++) {
    const t0 = performance.now();
    for (let i = 0; i < BATCH; i++) await trip(i);
    perTrip.push((performance.now() - t0) / BATCH);
  }
  const mean = (performance.now() - start) / trips;
  const sorted = perTrip.sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  return { mean, p50: at(0.5), p99: at(0.99) };
}

async function throughput(trip: RoundTrip, count: number) {
  const start = performance.now();
  await Promise.all(Array.from({ length: count }, (_, i) => trip(i)));
  return (count * 1000) / (performance.now() - start);
}

function rawTrip(): RoundTrip {
  const worker = new Worker(new URL('./raw.worker.ts', import.meta.url), { type: 'module' });
  const pending = new Map<number, () => void>();
  let next = 0;
  worker.onmessage = (event: MessageEvent<{ id: number }>) => {
    pending.get(event.data.id)?.();
    pending.delete(event.data.id);
  };
  return () =>
    new Promise<void>((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      worker.postMessage({ id });
    });
}

function comlinkTrip(): RoundTrip {
  const worker = new Worker(new URL('./comlink.worker.ts', import.meta.url), { type: 'module' });
  const api = wrap<{ echo(id: number): number }>(worker);
  return (id) => api.echo(id);
}

const makers: Record<string, () => RoundTrip> = {
  raw: rawTrip,
  comlink: comlinkTrip,
  dedicated: dedicatedTrip,
};

async function measure(name: string, trips: number, pipelined: number) {
  const make = makers[name];
  if (!make) throw new Error(`no round trip named ${name}`);
  const trip = make();
  const result = await latency(trip, trips);
  return { ...result, perSecond: await throughput(trip, pipelined) };
}

(window as unknown as { messaging: { measure: typeof measure; names: () => string[] } }).messaging =
  {
    measure,
    names: () => Object.keys(makers),
  };

// Runs one stream and reports whether the page absorbed it: every update received, and the
// p95 frame interval while it ran. Driven by bench/sections/streaming.mjs through window.runStream.
import type { StreamMessage, StreamMethod } from './streaming-protocol';

const output = document.getElementById('value') as HTMLOutputElement;

async function runStream(method: StreamMethod, ratePerSecond: number, durationMs: number) {
  const worker = new Worker(new URL('./streaming.worker.ts', import.meta.url), { type: 'module' });
  const frames: number[] = [];
  let received = 0;
  let latest = 0;
  let dirty = false;
  let last = performance.now();
  let running = true;
  const frame = () => {
    const now = performance.now();
    frames.push(now - last);
    last = now;
    if (dirty) {
      output.textContent = String(latest);
      dirty = false;
    }
    if (running) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  const begun = performance.now();
  const sent = await new Promise<number>((resolve) => {
    worker.onmessage = (event: MessageEvent<StreamMessage>) => {
      const message = event.data;
      if (message.type === 'update') {
        received++;
        latest = message.value;
        if (method === 'message-per-update-dom-per-message') output.textContent = String(latest);
        else dirty = true;
      } else if (message.type === 'batch') {
        received += message.values.length;
        latest = message.values[message.values.length - 1] ?? latest;
        dirty = true;
      } else resolve(message.sent);
    };
    worker.postMessage({ method, ratePerSecond, durationMs });
  });
  running = false;
  worker.terminate();
  const sorted = frames.slice(1).sort((a, b) => a - b);
  const p95 = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)] ?? 0;
  // A page that cannot keep up finishes late: the backlog drains after the worker is done.
  return { sent, received, p95, overrunMs: performance.now() - begun - durationMs };
}

(window as unknown as { runStream: typeof runStream }).runStream = runStream;

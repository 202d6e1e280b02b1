import type { StreamMessage, StreamStart } from './streaming-protocol';

const post = (message: StreamMessage, transfer: Transferable[] = []) =>
  (self as unknown as { postMessage(m: unknown, t: Transferable[]): void }).postMessage(
    message,
    transfer,
  );

self.onmessage = (event: MessageEvent<StreamStart>) => {
  const { method, ratePerSecond, durationMs } = event.data;
  const total = Math.round((ratePerSecond * durationMs) / 1000);
  const start = performance.now();
  let sent = 0;
  const tick = () => {
    const due = Math.min(total, Math.floor(((performance.now() - start) * ratePerSecond) / 1000));
    if (
      method === 'message-per-update-dom-per-message' ||
      method === 'message-per-update-dom-per-frame'
    ) {
      for (; sent < due; sent++) post({ type: 'update', seq: sent + 1, value: sent });
    } else if (due > sent) {
      const values =
        method === 'worker-batches-transferred'
          ? new Float64Array(due - sent)
          : new Array<number>(due - sent);
      for (let i = 0; i < values.length; i++) values[i] = sent + i;
      if (values instanceof Float64Array)
        post({ type: 'batch', first: sent + 1, values }, [values.buffer]);
      else post({ type: 'batch', first: sent + 1, values });
      sent = due;
    }
    if (sent < total) setTimeout(tick, 4);
    else post({ type: 'end', sent });
  };
  tick();
};

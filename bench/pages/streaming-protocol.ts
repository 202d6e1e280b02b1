/** Four ways to carry a stream of updates from a worker to the page's DOM. */
export type StreamMethod =
  | 'message-per-update-dom-per-message'
  | 'message-per-update-dom-per-frame'
  | 'worker-batches'
  | 'worker-batches-transferred';

export interface StreamStart {
  method: StreamMethod;
  ratePerSecond: number;
  durationMs: number;
}

export type StreamMessage =
  | { type: 'update'; seq: number; value: number }
  | { type: 'batch'; first: number; values: number[] | Float64Array }
  | { type: 'end'; sent: number };

/**
 * The parts of a dedicated worker's global scope the workers use. The project compiles against the
 * DOM library (the two libraries cannot be combined), so the worker side is typed here.
 */
export interface WorkerScope {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<unknown>) => void) | null;
  /** Present where workers can draw on an OffscreenCanvas in step with the display. */
  requestAnimationFrame?: (callback: FrameRequestCallback) => number;
  close(): void;
}

export const workerScope = self as unknown as WorkerScope;

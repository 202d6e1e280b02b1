// The floor: answer each message with its id, nothing else.
self.onmessage = (event: MessageEvent<{ id: number }>) => {
  (self as unknown as { postMessage(m: unknown): void }).postMessage({ id: event.data.id });
};

// The floor's echo, carrying what the Dedicated protocol carries: a `run` in, `started` and
// `result` out, each post a list. No checks, no loop, no bookkeeping: what this costs beyond the
// bare echo is the price of the messages themselves.
import type { LoopToPage, PageToLoopPost } from '../../src/workers/protocol';

const scope = self as unknown as { postMessage(message: LoopToPage[]): void };
const timeOrigin = performance.timeOrigin;

self.onmessage = (event: MessageEvent<PageToLoopPost>) => {
  const answers: LoopToPage[] = [];
  const now = timeOrigin + performance.now();
  for (const command of event.data) {
    if (command.type !== 'run') continue;
    answers.push({ type: 'started', id: command.id, at: now });
    answers.push({ type: 'result', id: command.id, value: 0, sent: 0, readyAt: now });
  }
  scope.postMessage(answers);
};

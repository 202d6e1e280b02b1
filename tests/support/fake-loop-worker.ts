import type { LoopWorker } from '../../src/strategies/dedicated-loop';
import type { WorkerLike } from '../../src/strategies/queue-polling';
import type { LoopToPage, PageToLoop, PageToLoopPost } from '../../src/workers/protocol';

/**
 * A loop worker stand-in for the strategies and panels that talk to one: it records what the page
 * posts and lets a test answer as the worker would, or send what no worker should.
 */
export class FakeLoopWorker implements LoopWorker, WorkerLike {
  /** Each postMessage the page made, as it made it. */
  readonly posts: PageToLoopPost[] = [];
  terminated = false;
  onmessage: ((event: MessageEvent<unknown>) => void) | null = null;
  onmessageerror: ((event: MessageEvent<unknown>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;

  /** Every command the page posted, in order, whichever post carried it. */
  get posted(): PageToLoop[] {
    return this.posts.flat();
  }

  /** The ids of the tasks the page submitted. */
  runs(): number[] {
    return this.posted.flatMap((m) => (m.type === 'run' ? [m.id] : []));
  }

  postMessage(post: PageToLoopPost): void {
    this.posts.push(post);
  }

  terminate(): void {
    this.terminated = true;
  }

  /** Answers as the worker does: these messages, in order, in one post. */
  send(...messages: LoopToPage[]): void {
    this.deliver(messages);
  }

  /** Delivers `data` to the page exactly as given, unchecked: for what no worker should send. */
  deliver(data: unknown): void {
    this.onmessage?.(new MessageEvent('message', { data }));
  }

  /** An uncaught error in the worker, as the page's onerror sees it. */
  fail(message: string): ErrorEvent {
    const event = new ErrorEvent('error', { message, cancelable: true });
    this.onerror?.(event);
    return event;
  }
}

/**
 * Lets the page's end-of-turn post (see Outbox) go out: its flush was queued as a microtask when
 * the first message was posted, so it runs before this await resumes. Works under fake timers.
 */
export async function endOfTurn(): Promise<void> {
  await Promise.resolve();
}

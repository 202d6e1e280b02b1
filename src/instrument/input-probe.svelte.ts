import { RingBuffer } from './ring-buffer';
import type { BusyWindow } from './stall-log';
import type { BrowserEventTiming } from './observers';

export interface ProbeInput {
  id: number;
  kind: 'click' | 'key';
  /** When the input happened (the event's timestamp, main-thread timeline). */
  at: number;
  /** From the input to its handler starting. */
  waited: number;
  /** From the input to the first frame painted after its handler; null until that frame. */
  toPaint: number | null;
  /** The browser's Event Timing figure for the same input (event to next paint, 8 ms steps). */
  browserDuration: number | null;
}

const SHOWN = 12;

/**
 * Measures how long the reader's own input waited. The handler start is read the moment the
 * handler runs; the paint is the first frame after it, found by a requestAnimationFrame followed by
 * a message, which runs once that frame has been produced.
 */
export class InputProbe {
  /** The most recent inputs, newest first. */
  inputs = $state<ProbeInput[]>([]);
  /** Every input's time and wait, for per-panel statistics, bounded. */
  readonly history = { at: new RingBuffer(1024), waited: new RingBuffer(1024) };
  #nextId = 1;

  record(event: Event, kind: ProbeInput['kind']): void {
    const handlerStart = performance.now();
    const input: ProbeInput = {
      id: this.#nextId++,
      kind,
      at: event.timeStamp,
      waited: Math.max(0, handlerStart - event.timeStamp),
      toPaint: null,
      browserDuration: null,
    };
    this.history.at.push(input.at);
    this.history.waited.push(input.waited);
    this.inputs = [input, ...this.inputs.slice(0, SHOWN - 1)];
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        this.#update(input.id, { toPaint: performance.now() - input.at });
        channel.port1.close();
      };
      channel.port2.postMessage(null);
    });
  }

  /** Event Timing entries arrive after the paint; they confirm the page's own figure. */
  browserTiming(entry: BrowserEventTiming): void {
    const match = this.inputs.find(
      (i) =>
        i.browserDuration === null &&
        Math.abs(i.at - entry.start) < 1 &&
        matches(i.kind, entry.name),
    );
    if (match) this.#update(match.id, { browserDuration: entry.duration });
  }

  /** Input waits (ms) for inputs that happened inside any of the windows. */
  waitsWithin(windows: readonly BusyWindow[]): number[] {
    const waits: number[] = [];
    for (let i = 0; i < this.history.at.size; i++) {
      const at = this.history.at.at(i);
      if (windows.some((w) => at >= w.start && at <= w.end)) waits.push(this.history.waited.at(i));
    }
    return waits;
  }

  #update(id: number, patch: Partial<ProbeInput>): void {
    this.inputs = this.inputs.map((i) => (i.id === id ? { ...i, ...patch } : i));
  }
}

function matches(kind: ProbeInput['kind'], eventName: string): boolean {
  return eventName === (kind === 'click' ? 'click' : 'keydown');
}

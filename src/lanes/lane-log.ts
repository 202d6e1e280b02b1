/**
 * What each thread did, recorded as it happens, for the lane timeline: spans on a lane (a task
 * running, the main thread handling a delivery) and arrows between lanes (a message posted on one
 * thread and handled on another). Times are on the page's timeline (performance.now()); worker
 * times are converted from epoch milliseconds before they are recorded.
 *
 * Bounded: the oldest spans and arrows are dropped once the log holds twice its capacity, so a long stream cannot
 * grow it. `version` changes on every record, so a drawing can skip frames where nothing changed.
 */

export type SpanKind = 'task' | 'busy' | 'poll' | 'delivery';
export type SpanOutcome = 'done' | 'failed' | 'cancelled';

export interface LaneSpan {
  id: number;
  lane: string;
  kind: SpanKind;
  start: number;
  /** Null while the span is still open. */
  end: number | null;
  label: string;
  taskId: number | null;
  outcome: SpanOutcome | null;
}

export interface LaneArrow {
  from: string;
  to: string;
  sentAt: number;
  receivedAt: number;
  label: string;
}

export class LaneLog {
  readonly lanes: string[];
  readonly #spanCapacity: number;
  readonly #arrowCapacity: number;
  #spans: LaneSpan[] = [];
  #arrows: LaneArrow[] = [];
  #open = new Map<number, LaneSpan>();
  #nextId = 1;
  #version = 0;

  constructor(lanes: string[], options: { spans?: number; arrows?: number } = {}) {
    this.lanes = [...lanes];
    this.#spanCapacity = options.spans ?? 512;
    this.#arrowCapacity = options.arrows ?? 512;
  }

  get version(): number {
    return this.#version;
  }

  get spans(): readonly LaneSpan[] {
    return this.#spans;
  }

  get arrows(): readonly LaneArrow[] {
    return this.#arrows;
  }

  addLane(lane: string): void {
    if (!this.lanes.includes(lane)) {
      this.lanes.push(lane);
      this.#version++;
    }
  }

  open(
    lane: string,
    kind: SpanKind,
    start: number,
    label: string,
    taskId: number | null = null,
  ): number {
    const span: LaneSpan = {
      id: this.#nextId++,
      lane,
      kind,
      start,
      end: null,
      label,
      taskId,
      outcome: null,
    };
    this.#spans.push(span);
    this.#open.set(span.id, span);
    // Trimmed in halves, not one by one, so recording stays O(1) on average.
    if (this.#spans.length >= 2 * this.#spanCapacity) {
      const dropped = this.#spans.splice(0, this.#spans.length - this.#spanCapacity);
      for (const old of dropped) this.#open.delete(old.id);
    }
    this.#version++;
    return span.id;
  }

  close(spanId: number, end: number, outcome: SpanOutcome | null = null): void {
    const span = this.#open.get(spanId);
    if (!span) return;
    span.end = end;
    span.outcome = outcome;
    this.#open.delete(spanId);
    this.#version++;
  }

  /** A span that opened and closed already (a poll tick, a delivery). */
  instant(
    lane: string,
    kind: SpanKind,
    start: number,
    end: number,
    label: string,
    taskId: number | null = null,
  ): void {
    this.close(this.open(lane, kind, start, label, taskId), end);
  }

  arrow(arrow: LaneArrow): void {
    this.#arrows.push(arrow);
    if (this.#arrows.length > this.#arrowCapacity)
      this.#arrows.splice(0, this.#arrows.length - this.#arrowCapacity);
    this.#version++;
  }

  clear(): void {
    this.#spans = [];
    this.#arrows = [];
    this.#open.clear();
    this.#version++;
  }
}

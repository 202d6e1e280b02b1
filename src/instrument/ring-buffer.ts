/**
 * A fixed-capacity ring of numbers. The instrument records every frame for as long as the page is
 * open, so it must never grow: once full, each push overwrites the oldest value.
 */
export class RingBuffer {
  readonly capacity: number;
  #values: Float64Array;
  #next = 0;
  #size = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`RingBuffer capacity must be a positive integer, got ${capacity}`);
    }
    this.capacity = capacity;
    this.#values = new Float64Array(capacity);
  }

  get size(): number {
    return this.#size;
  }

  push(value: number): void {
    this.#values[this.#next] = value;
    this.#next = (this.#next + 1) % this.capacity;
    if (this.#size < this.capacity) this.#size++;
  }

  /** The i-th value, oldest first (0 ≤ i < size). */
  at(i: number): number {
    if (i < 0 || i >= this.#size) throw new RangeError(`index ${i} outside 0…${this.#size - 1}`);
    const oldest = (this.#next - this.#size + this.capacity) % this.capacity;
    return this.#values[(oldest + i) % this.capacity] as number;
  }

  /** The most recent value, or undefined when empty. */
  last(): number | undefined {
    return this.#size === 0 ? undefined : this.at(this.#size - 1);
  }

  clear(): void {
    this.#next = 0;
    this.#size = 0;
  }

  /** Copies the values, oldest first, into a plain array (for tests and one-off reports). */
  toArray(): number[] {
    return Array.from({ length: this.#size }, (_, i) => this.at(i));
  }
}

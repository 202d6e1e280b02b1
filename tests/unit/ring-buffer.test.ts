import { describe, expect, it } from 'vitest';
import { RingBuffer } from '../../src/instrument/ring-buffer';

describe('RingBuffer', () => {
  it('keeps values oldest first until full', () => {
    const ring = new RingBuffer(3);
    expect(ring.size).toBe(0);
    expect(ring.last()).toBeUndefined();
    ring.push(1);
    ring.push(2);
    expect(ring.toArray()).toEqual([1, 2]);
    expect(ring.last()).toBe(2);
  });

  it('overwrites the oldest value once full, never growing past capacity', () => {
    const ring = new RingBuffer(3);
    for (let i = 1; i <= 7; i++) ring.push(i);
    expect(ring.size).toBe(3);
    expect(ring.toArray()).toEqual([5, 6, 7]);
    expect(ring.at(0)).toBe(5);
    expect(ring.at(2)).toBe(7);
  });

  it('refuses indexes outside what it holds and capacities that make no sense', () => {
    const ring = new RingBuffer(2);
    ring.push(1);
    expect(() => ring.at(1)).toThrow(RangeError);
    expect(() => ring.at(-1)).toThrow(RangeError);
    expect(() => new RingBuffer(0)).toThrow(RangeError);
    expect(() => new RingBuffer(1.5)).toThrow(RangeError);
  });

  it('starts over when cleared', () => {
    const ring = new RingBuffer(2);
    ring.push(1);
    ring.push(2);
    ring.push(3);
    ring.clear();
    expect(ring.size).toBe(0);
    ring.push(9);
    expect(ring.toArray()).toEqual([9]);
  });
});

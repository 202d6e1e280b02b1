import { describe, expect, it } from 'vitest';
import { DIAL_DELAY_MS, dialAngle, dialFrame } from '../../src/instrument/chart/dial';
import { RingBuffer } from '../../src/instrument/ring-buffer';

function frames(...ends: number[]): RingBuffer {
  const ring = new RingBuffer(8);
  for (const end of ends) ring.push(end);
  return ring;
}

describe('the main thread dial, drawn by the monitor worker', () => {
  it('shows the latest main-thread frame at least DIAL_DELAY_MS old', () => {
    const ring = frames(1000, 1016, 1033, 1050);
    expect(dialFrame(ring, 1050 + DIAL_DELAY_MS)).toBe(1050);
    expect(dialFrame(ring, 1049 + DIAL_DELAY_MS)).toBe(1033);
    expect(dialFrame(ring, 999 + DIAL_DELAY_MS)).toBeNull();
  });

  it('stands still while the main thread runs no frame, and moves on after', () => {
    // Frames every 16 ms, then a 400 ms stall, then frames again.
    const ring = frames(1000, 1016, 1032, 1432, 1448);
    const during = [1100, 1200, 1300, 1400, 1460].map((t) => dialFrame(ring, t));
    expect(new Set(during)).toEqual(new Set([1032]));
    expect(dialFrame(ring, 1432 + DIAL_DELAY_MS)).toBe(1432);
    expect(dialAngle(1032)).toBeCloseTo(dialAngle(32));
  });

  it('turns once a second, clockwise from 12 o’clock', () => {
    expect(dialAngle(0)).toBe(0);
    expect(dialAngle(250)).toBeCloseTo(Math.PI / 2);
    expect(dialAngle(1750)).toBeCloseTo((3 * Math.PI) / 2);
    expect(dialAngle(-250)).toBeCloseTo((3 * Math.PI) / 2);
  });
});

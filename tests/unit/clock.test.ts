import { describe, expect, it } from 'vitest';
import { between, fromEpoch, toEpoch } from '../../src/instrument/clock';

describe('clock alignment', () => {
  // The page started at epoch 1,700,000,000,000 ms; its worker 250.5 ms later.
  const pageOrigin = 1_700_000_000_000;
  const workerOrigin = pageOrigin + 250.5;

  it('round-trips a local time through epoch time', () => {
    const epoch = toEpoch(1234.567, pageOrigin);
    expect(fromEpoch(epoch, pageOrigin)).toBeCloseTo(1234.567, 3);
  });

  it("puts one instant at the same point on both threads' timelines", () => {
    // The same instant read on the page as 1000 ms is 749.5 ms on the worker's clock.
    const onWorker = 749.5;
    expect(between(onWorker, workerOrigin, pageOrigin)).toBeCloseTo(1000, 3);
    expect(between(1000, pageOrigin, workerOrigin)).toBeCloseTo(749.5, 3);
    expect(fromEpoch(toEpoch(onWorker, workerOrigin), pageOrigin)).toBeCloseTo(1000, 3);
  });
});

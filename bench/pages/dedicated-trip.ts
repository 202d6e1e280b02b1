// The Dedicated panel's own strategy code as a messaging contender: submit a task that does no
// work, await its result. What it measures is the protocol: ids, guards, promise bookkeeping.
import { DedicatedLoop } from '../../src/strategies/dedicated-loop';
import type { Contender } from './messaging';

export function dedicatedTrip(): Contender {
  const loop = new DedicatedLoop();
  return {
    trip: () => loop.submit({ kind: 'wait', durationMs: 0, ratePerSecond: 1 }).result,
    close: () => loop.kill(),
  };
}

import { defineSuite } from './suite';

// The first half; webkit-2.cross.ts runs the second in a session of its own, at the same time.
defineSuite('webkit', 1);

import { defineSuite } from './suite';

// The second half of the WebKitGTK suite (see webkit.cross.ts).
defineSuite('webkit', 2);

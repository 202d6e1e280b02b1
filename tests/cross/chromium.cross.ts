import { defineSuite } from './suite';

defineSuite('chromium');

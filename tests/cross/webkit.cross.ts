import { defineSuite } from './suite';

defineSuite('webkit');

import { defineSuite } from './suite';

defineSuite('firefox');

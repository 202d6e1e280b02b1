// What the first load costs: the initial JS and CSS gzipped, and everything the build contains.
import { bundleSize, INITIAL_JS_BUDGET } from '../../scripts/bundle-size.mjs';

export function measureSize() {
  const size = bundleSize('dist');
  return { ...size, budget: INITIAL_JS_BUDGET };
}

import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/svelte';

// findBy… and waitFor wait for lazy parts that arrive one main-thread turn at a time: seconds on a
// loaded machine. They return as soon as what they wait for is there.
configure({ asyncUtilTimeout: 10_000 });

import '@testing-library/jest-dom/vitest';
// Unmounts what each test rendered (the plugin's auto clean-up, set up here for component tests only).
import '@testing-library/svelte/vitest';
import { configure } from '@testing-library/svelte';

// findBy… and waitFor wait for lazy parts that arrive one main-thread turn at a time: seconds on a
// loaded machine. They return as soon as what they wait for is there.
configure({ asyncUtilTimeout: 10_000 });

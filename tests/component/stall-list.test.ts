import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import StallList from '../../src/instrument/StallList.svelte';
import type { StallReport } from '../../src/instrument/instrument.svelte';
import { testServices } from './services';

function report(id: number): StallReport {
  return {
    id,
    duration: 120 + id,
    source: 'frames',
    frameGap: 130 + id,
    frameStart: id * 1000,
    frameEnd: id * 1000 + 130,
    script: null,
    cause: 'page',
    strategy: null,
    monitorFrames: null,
    monitorFps: null,
  };
}

describe('StallList', () => {
  it('counts its stalls, and says when it holds only the latest of more', () => {
    const { services, context } = testServices();
    render(StallList, { context });
    const summary = () => screen.getByTestId('stall-details').querySelector('summary');
    const { instrument } = services;
    flushSync(() => {
      instrument.recent = [report(2), report(1)];
      instrument.publishedCount = 2;
    });
    expect(summary()).toHaveTextContent(/the stall list\s\(2 stalls\)$/);
    // Ten published, eight kept: the summary must not read as a count of all of them.
    flushSync(() => {
      instrument.recent = Array.from({ length: 8 }, (_, i) => report(10 - i));
      instrument.publishedCount = 10;
    });
    expect(summary()).toHaveTextContent(/\(the latest 8 of 10 stalls\)$/);
  });
});

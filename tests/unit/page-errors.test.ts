// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import '../../src/app/page-errors';

describe("the page's own error list", () => {
  it('keeps uncaught errors, and counts ResizeObserver loop reports apart', () => {
    const before = globalThis.__twoLoopsErrors?.length ?? 0;
    // What engines dispatch for a loop: an ErrorEvent with a message and no error object.
    window.dispatchEvent(
      new ErrorEvent('error', {
        message: 'ResizeObserver loop completed with undelivered notifications.',
      }),
    );
    expect(globalThis.__twoLoopsResizeLoops).toBe(1);
    expect(globalThis.__twoLoopsErrors).toHaveLength(before);
    // A thrown error with the same words is still an uncaught error.
    window.dispatchEvent(
      new ErrorEvent('error', {
        message: 'ResizeObserver loop in my code',
        error: new Error('ResizeObserver loop in my code'),
      }),
    );
    expect(globalThis.__twoLoopsErrors).toEqual(
      expect.arrayContaining(['uncaught: ResizeObserver loop in my code']),
    );
    expect(globalThis.__twoLoopsResizeLoops).toBe(1);
  });
});

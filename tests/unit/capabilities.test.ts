import { describe, expect, it } from 'vitest';
import {
  capabilityList,
  capabilityNotes,
  detectCapabilities,
  type DetectionScope,
} from '../../src/instrument/capabilities';

// The entry types each engine listed on this machine (TOOLCHAIN.md, "Other browsers").
const CHROMIUM = ['event', 'first-input', 'long-animation-frame', 'longtask', 'mark', 'measure'];
const FIREFOX = ['event', 'first-input', 'largest-contentful-paint', 'mark', 'measure', 'paint'];
const WEBKIT = ['mark', 'measure', 'navigation', 'paint', 'resource'];

function scope(types: string[], extra: Partial<DetectionScope> = {}): DetectionScope {
  class Canvas {
    transferControlToOffscreen() {}
  }
  return {
    PerformanceObserver: { supportedEntryTypes: types },
    OffscreenCanvas: class {},
    HTMLCanvasElement: Canvas,
    ...extra,
  };
}

describe('capabilities', () => {
  it('reads Chromium as having every measurement', () => {
    const caps = detectCapabilities(scope(CHROMIUM, { scheduler: { yield: () => {} } }));
    expect(capabilityList(caps)).toBe(
      'longtask longAnimationFrame eventTiming schedulerYield offscreenCanvas',
    );
    expect(capabilityNotes(caps, 'stalls')).toEqual([]);
    expect(capabilityNotes(caps, 'probe')).toEqual([]);
  });

  it('says what Firefox cannot measure, beside the stalls only', () => {
    const caps = detectCapabilities(scope(FIREFOX, { scheduler: { yield: () => {} } }));
    expect(caps).toMatchObject({ longtask: false, longAnimationFrame: false, eventTiming: true });
    const notes = capabilityNotes(caps, 'stalls');
    expect(notes).toHaveLength(2);
    expect(notes[0]).toMatch(
      /^In this browser stalls are measured from the pause between two redraws/,
    );
    expect(notes[1]).toMatch(/needs Chromium/);
    expect(capabilityNotes(caps, 'probe')).toEqual([]);
  });

  it('says what WebKit cannot measure, beside the probe as well', () => {
    const caps = detectCapabilities(scope(WEBKIT));
    expect(capabilityList(caps)).toBe('offscreenCanvas');
    expect(capabilityNotes(caps, 'probe')).toEqual([expect.stringMatching(/no Event Timing/)]);
  });

  it('finds no canvas transfer without OffscreenCanvas, and nothing in a bare scope', () => {
    expect(
      detectCapabilities(scope(CHROMIUM, { OffscreenCanvas: undefined })).offscreenCanvas,
    ).toBe(false);
    expect(capabilityList(detectCapabilities({}))).toBe('');
  });

  it('gives every note in one line', () => {
    const notes = [
      ...capabilityNotes(detectCapabilities({}), 'stalls'),
      ...capabilityNotes(detectCapabilities({}), 'probe'),
    ];
    for (const note of notes) expect(note).not.toMatch(/\n/);
  });
});

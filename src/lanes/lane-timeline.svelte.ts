import { untrack } from 'svelte';
import type { Instrument } from '../instrument/instrument.svelte';
import type { Preferences } from '../ui/preferences.svelte';
import { laneHeightFor } from './draw-lanes';
import type { LaneLog } from './lane-log';
import { LaneRenderer } from './lane-renderer';
import { summariseLanes } from './lane-summary';
import { readLaneTheme } from './lane-theme';

/** The text alternative is rebuilt at most this often (ms), and only while it is open. */
const SUMMARY_PERIOD_MS = 500;

/**
 * One lane timeline's lifecycle: attaching a renderer to its canvas, drawing from the page's frame
 * loop while the canvas is in view, pausing, and rebuilding the text alternative while it is open.
 * The component only renders this state and forwards the canvas and the theme.
 */
export class LaneTimelineState {
  readonly #instrument: Instrument;
  readonly #preferences: Preferences;
  readonly #log: () => LaneLog;

  paused = $state(false);
  /** False where the canvas cannot draw (jsdom, or out of canvas memory): text only. */
  canDraw = $state(true);
  summaryOpen = $state(false);
  // Lanes can be added to a log after it is drawn (a second worker); the frame loop notices.
  #laneCount = $state(0);
  #summaryTick = $state(0);

  // Not reactive on purpose: the frame loop reads and writes these every frame.
  #renderer: LaneRenderer | null = null;
  #themeStale = true;
  #summaryAt = -Infinity;

  /** `log` is read through a getter: the component's prop may change. */
  constructor(instrument: Instrument, preferences: Preferences, log: () => LaneLog) {
    this.#instrument = instrument;
    this.#preferences = preferences;
    this.#log = log;
  }

  /** The canvas's CSS height: every lane and the axis. */
  readonly height: number = $derived.by(() =>
    laneHeightFor(Math.max(this.#laneCount, this.#log().lanes.length)),
  );

  /** The timeline as text; rebuilt when the frame loop ticks it, not whenever a stall is refined. */
  readonly summary = $derived.by(() => {
    void this.#summaryTick;
    const current = this.#log();
    return untrack(() => ({
      logVersion: current.version,
      stallVersion: this.#instrument.version,
      ...summariseLanes(current, this.#instrument.log.stalls, performance.now()),
    }));
  });

  /** Re-reads the colours on the next frame drawn, once the page has switched theme. */
  themeChanged(): void {
    this.#themeStale = true;
  }

  /** Draws `log` on `element` from the page's frame loop; returns the function that detaches. */
  attach(element: HTMLCanvasElement, log: LaneLog): () => void {
    const instrument = this.#instrument;
    const ctx = element.getContext('2d', { alpha: false });
    this.canDraw = ctx !== null;
    if (!this.canDraw) this.summaryOpen = true;
    const view = new LaneRenderer(ctx, element, {
      log,
      stalls: () => instrument.log.stalls,
      stallVersion: () => instrument.version,
    });
    this.#renderer = view;
    this.#themeStale = true;
    if (this.paused) view.pause(performance.now());
    const dpr = () => Math.min(3, window.devicePixelRatio || 1);
    const rect = element.getBoundingClientRect();
    let css = { width: rect.width, height: rect.height };
    view.resize(css.width, css.height, dpr());

    let observer: ResizeObserver | null = null;
    if (typeof ResizeObserver === 'function') {
      observer = new ResizeObserver((entries) => {
        const box = entries[0]?.contentBoxSize[0];
        if (!box) return;
        css = { width: box.inlineSize, height: box.blockSize };
        view.resize(css.width, css.height, dpr());
      });
      observer.observe(element);
    }
    // A timeline scrolled out of view costs nothing: it draws again when it comes back.
    let inView = true;
    let visibility: IntersectionObserver | null = null;
    if (typeof IntersectionObserver === 'function') {
      visibility = new IntersectionObserver((entries) => {
        inView = entries.some((e) => e.isIntersecting);
        if (inView) this.#themeStale = true;
      });
      visibility.observe(element);
    }

    const stop = instrument.onFrame((now) => {
      // The text alternative follows the log whether or not the drawing is in view: a reader who
      // opened it and scrolled the drawing away (the task list grows above it on a run) read
      // "0 spans recorded" under a drawing that showed them once it came back.
      this.#refreshSummary(now, log);
      if (!inView) return;
      if (log.lanes.length !== this.#laneCount) this.#laneCount = log.lanes.length;
      // Zooming or moving to another screen changes the ratio without resizing the element.
      if (dpr() !== view.dpr) view.resize(css.width, css.height, dpr());
      if (this.#themeStale) {
        this.#themeStale = false;
        view.setTheme(readLaneTheme(element));
      }
      view.setReducedMotion(this.#preferences.reducedMotion);
      view.frame(now);
    });

    return () => {
      stop();
      observer?.disconnect();
      visibility?.disconnect();
      if (this.#renderer === view) this.#renderer = null;
    };
  }

  /** Rebuilds the open text alternative, at most once a period, when the log or stalls changed. */
  #refreshSummary(now: number, log: LaneLog): void {
    if (!this.summaryOpen || now - this.#summaryAt < SUMMARY_PERIOD_MS) return;
    const summary = this.summary;
    const changed =
      summary.logVersion !== log.version || summary.stallVersion !== this.#instrument.version;
    if (changed || summary.open > 0) {
      this.#summaryAt = now;
      this.#summaryTick++;
    }
  }

  togglePause(): void {
    this.paused = !this.paused;
    if (this.paused) this.#renderer?.pause(performance.now());
    else this.#renderer?.resume();
  }

  /** The text alternative was opened: rebuild it now rather than at the next period. */
  opened(): void {
    this.#summaryAt = performance.now();
    this.#summaryTick++;
  }
}

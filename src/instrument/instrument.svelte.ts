import { formatMs } from '../format/format';
import type { MonitorStallDrawn } from '../workers/protocol';
import { toEpoch } from './clock';
import { FrameTimeline, STALL_MS, type FrameStats } from './frame-timeline';
import { InputProbe } from './input-probe.svelte';
import { MonitorLink } from './monitor-link.svelte';
import { observeBrowser, observerSupport } from './observers';
import { StallLog, type BusyWindow, type Stall, type StallCause } from './stall-log';

export interface StallReport {
  id: number;
  duration: number;
  source: Stall['source'];
  frameGap: number;
  /** The frames either side of the gap, on this page's clock (performance.now(), ms). */
  frameStart: number;
  frameEnd: number;
  script: string | null;
  /** Whose work it was (see StallCause), and the strategy blamed, if any. */
  cause: StallCause;
  strategy: string | null;
  /** Chart frames the monitor worker drew during the stall, and at what rate. */
  monitorFrames: number | null;
  monitorFps: number | null;
}

/** Figures over this window are what the page shows as "recent". */
const STATS_WINDOW_MS = 10_000;
/** Derived figures are refreshed at this period, not every frame. */
const STATS_PERIOD_MS = 250;
/** The browser's long-task entries usually arrive within a frame or two of the stall's end… */
const SETTLE_MS = 150;
/** …and a gap still without one after this long was the window not drawing, not a stall. */
const GIVE_UP_MS = 1_000;
const SHOWN_STALLS = 8;

/** How an announcement names a stall's cause, after its duration. */
const CAUSE_SPOKEN: Record<StallCause, (strategy: string | null) => string> = {
  // Named by what it was, for the reader; the strategy itself is named by the panel's status.
  strategy: () => " by the strategy's own code",
  page: () => " by the page's own work", // not spoken: see #publish
  unattributed: () => '',
};

function pick({ cause, strategy }: { cause: StallCause; strategy: string | null }) {
  return { cause, strategy };
}

/**
 * The page's view of its own main thread. One requestAnimationFrame loop records every frame,
 * feeds the monitor worker its heartbeat and runs the other per-frame work registered with
 * `onFrame`, so all per-frame work happens in one place.
 */
export class Instrument {
  readonly timeline = new FrameTimeline(4096);
  readonly support = observerSupport();
  readonly log = new StallLog({ reportsBusy: this.support.longtask });
  readonly probe = new InputProbe();
  readonly monitor: MonitorLink;

  stats = $state<FrameStats>({
    frames: 0,
    longestInterval: 0,
    framesOver50: 0,
    p95Interval: 0,
    fps: 0,
  });
  /** Finished stalls, newest first. */
  recent = $state<StallReport[]>([]);
  /** How many stalls the list has shown since the page opened; `recent` keeps the newest few. */
  publishedCount = $state(0);
  /** Bumped whenever a stall is added or refined, for figures derived from the log. */
  version = $state(0);
  hidden = $state(false);
  /**
   * Whether the page is out of its reader's sight: its tab hidden, or (embedded) its frame
   * scrolled out of the host page's view. Browsers stop or throttle frames then, with the main
   * thread free, so nothing measured meanwhile is a stall or a delivery delay.
   */
  unrendered = $state(false);
  /** Main-thread time the frame loop itself takes per frame (ms), averaged over the last period. */
  ownCost = $state(0);
  /**
   * Gaps in frames while the main thread was free, or busy for no more than the stall line in all
   * (a minimised or throttled window, another program holding the CPU): not stalls.
   */
  idleGaps = $state(0);
  /** Gaps left out because the page was out of sight (see `unrendered`). */
  unrenderedGaps = $state(0);

  readonly #announce: (text: string) => void;
  readonly #frameCallbacks = new Set<(now: number) => void>();
  readonly #drawn = new Map<number, MonitorStallDrawn>();
  readonly #published = new Set<number>();
  readonly #writtenOff = new Set<number>();
  /** When the page was out of sight, oldest first; the last is open while it still is. */
  #outOfSight: BusyWindow[] = [];
  #offscreen = false;
  #lastStats = 0;
  #costSum = 0;
  #costFrames = 0;
  #raf = 0;

  /** `announce` speaks a finished stall to screen readers (the page's live region). */
  constructor(announce: (text: string) => void) {
    this.#announce = announce;
    this.monitor = new MonitorLink((message) => this.#stallDrawn(message));
  }

  start(): () => void {
    const stopObserving = observeBrowser({
      busy: (span) => this.#refine(this.log.addBusySpan(span)),
      attribution: ({ at, script }) => this.log.attribute(at, script),
      event: (entry) => this.probe.browserTiming(entry),
      measured: (span) => {
        if (!this.support.longtask)
          this.#refine(this.log.addBusySpan({ ...span, source: 'marks' }));
      },
    });
    const onVisibility = () => {
      this.hidden = document.visibilityState === 'hidden';
      this.#sightChanged();
    };
    document.addEventListener('visibilitychange', onVisibility);
    onVisibility();
    // Embedded in a host page, the frame can be scrolled out of view while its tab is visible:
    // an observer on the page's own root sees that, even inside a cross-origin frame.
    const sight =
      typeof IntersectionObserver === 'function'
        ? new IntersectionObserver((entries) => {
            const entry = entries.at(-1);
            if (!entry) return;
            this.#offscreen = !entry.isIntersecting;
            this.#sightChanged();
          })
        : null;
    sight?.observe(document.documentElement);
    this.#raf = requestAnimationFrame(this.#frame);
    return () => {
      cancelAnimationFrame(this.#raf);
      stopObserving();
      sight?.disconnect();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }

  /**
   * Records a stretch of a strategy's own code on the main thread, so that a stall it caused is
   * blamed on it and a stall of the page's own work is not. `start` and `end` are ms on
   * `performance.now()`'s clock.
   */
  strategyWork(strategy: string, start: number, end: number): void {
    this.log.addWork({ strategy, start, end });
  }

  /**
   * Whether the page was in sight for the whole of [start, end] (ms, `performance.now()`):
   * a delivery that waited while the page was out of sight measures the browser's throttling, not
   * the strategy, and is left out of latency figures.
   */
  inSightThroughout(start: number, end: number): boolean {
    if (this.unrendered) return false;
    return !this.#outOfSight.some((w) => w.start < end && w.end > start);
  }

  #sightChanged(): void {
    const unrendered = this.hidden || this.#offscreen;
    if (unrendered === this.unrendered) return;
    this.unrendered = unrendered;
    const now = performance.now();
    if (unrendered) {
      if (this.#outOfSight.length >= 32) this.#outOfSight.shift();
      this.#outOfSight.push({ start: now, end: Infinity });
      this.timeline.pageHidden();
    } else {
      const open = this.#outOfSight.at(-1);
      if (open) open.end = now;
    }
    this.monitor.visibility(unrendered);
  }

  /** Runs `callback` in the page's one frame loop; returns the function that stops it. */
  onFrame(callback: (now: number) => void): () => void {
    this.#frameCallbacks.add(callback);
    return () => this.#frameCallbacks.delete(callback);
  }

  readonly #frame = () => {
    this.#raf = requestAnimationFrame(this.#frame);
    // performance.now() here, not the callback's argument: that one is the frame's scheduled
    // time, quantised to the display's refresh, and understates long stalls.
    const now = performance.now();
    if (this.unrendered) {
      // Hidden pages normally get no frames at all, and frames scrolled out of a host's view few;
      // where one arrives anyway it measures nothing.
      this.timeline.pageHidden();
      return;
    }
    // A gap that reaches into time out of sight is the browser not drawing an unseen page (its
    // end may come before the observer says the page is back): a new chain, not a stall.
    const last = this.timeline.lastFrameEnd;
    if (last !== null && now - last > STALL_MS && !this.inSightThroughout(last, now)) {
      this.timeline.pageHidden();
      this.unrenderedGaps++;
    }
    const interval = this.timeline.frame(now);
    const epoch = toEpoch(now, performance.timeOrigin);
    const stall =
      interval !== null && interval > STALL_MS ? this.#stallEnded(now - interval, now) : null;
    this.monitor.frame(epoch, interval, stall?.id ?? null);
    for (const callback of this.#frameCallbacks) callback(now);
    this.monitor.drawFallback(epoch);
    if (now - this.#lastStats >= STATS_PERIOD_MS) {
      this.#lastStats = now;
      this.stats = this.timeline.stats(now, STATS_WINDOW_MS);
      this.ownCost = this.#costFrames > 0 ? this.#costSum / this.#costFrames : 0;
      this.#costSum = 0;
      this.#costFrames = 0;
    }
    // The instrument measures itself too: everything above, per frame, on this thread.
    this.#costSum += performance.now() - now;
    this.#costFrames++;
  };

  /** Logs the gap that just ended as a stall; returns it, or null when the log does not keep it. */
  #stallEnded(start: number, end: number): Stall | null {
    const stall = this.log.addGap(start, end);
    if (!stall) return null;
    this.version++;
    setTimeout(() => {
      if (stall.status === 'confirmed') this.#publish(stall);
      else
        setTimeout(() => {
          this.log.settle(stall);
          if (stall.status === 'confirmed') this.#publish(stall);
          else {
            this.#writtenOff.add(stall.id);
            if (this.#writtenOff.size > 256)
              this.#writtenOff.delete(this.#writtenOff.values().next().value as number);
            this.idleGaps++;
          }
        }, GIVE_UP_MS - SETTLE_MS);
    }, SETTLE_MS);
    return stall;
  }

  #publish(stall: Stall): void {
    if (this.#published.has(stall.id)) return;
    this.#published.add(stall.id);
    if (this.#published.size > 256)
      this.#published.delete(this.#published.values().next().value as number);
    this.recent = [this.#report(stall), ...this.recent.slice(0, SHOWN_STALLS - 1)];
    this.publishedCount += 1;
    this.monitor.stall(
      toEpoch(stall.frameStart, performance.timeOrigin),
      toEpoch(stall.frameEnd, performance.timeOrigin),
      stall.duration,
    );
    const { cause, strategy } = this.log.attribution(stall);
    this.#announce(
      // Tk's meaning first, then what the page measured: it never calls its own thread Tk's. Spoken
      // text cannot link to the glossary, so it says "this page" rather than a browser term. The
      // page's own work is not something a Tk app would do, so it is not told as a Tk freeze.
      cause === 'page'
        ? `This page held itself up for ${formatMs(stall.duration)} with its own work (drawing, loading its parts): not a strategy's code, and nothing your Tk window would do.`
        : `Your Tk window would have frozen for ${formatMs(stall.duration)}: this page, standing in for your Tk thread, was blocked that long${CAUSE_SPOKEN[cause](strategy)}.`,
    );
  }

  #refine(changed: Stall[]): void {
    if (changed.length === 0) return;
    this.version++;
    for (const stall of changed) {
      // A long task that arrives after the gap was written off as idle still makes it a stall.
      if (this.#writtenOff.delete(stall.id)) {
        this.idleGaps--;
        this.#publish(stall);
      }
    }
    this.recent = this.recent.map((r) => {
      const stall = changed.find((s) => s.id === r.id);
      return stall ? this.#report(stall) : r;
    });
  }

  #stallDrawn(message: MonitorStallDrawn): void {
    const stall = this.log.stalls.findLast((s) => s.id === message.stall);
    if (!stall) return;
    this.#drawn.set(stall.id, message);
    if (this.#drawn.size > 64) this.#drawn.delete(this.#drawn.keys().next().value as number);
    this.recent = this.recent.map((r) => (r.id === stall.id ? this.#report(stall) : r));
  }

  #report(stall: Stall): StallReport {
    const drawn = this.#drawn.get(stall.id);
    return {
      id: stall.id,
      duration: stall.duration,
      source: stall.source,
      frameGap: stall.frameEnd - stall.frameStart,
      frameStart: stall.frameStart,
      frameEnd: stall.frameEnd,
      script: stall.script,
      ...pick(this.log.attribution(stall)),
      monitorFrames: drawn ? drawn.frames : null,
      monitorFps: drawn ? (drawn.frames / drawn.gap) * 1000 : null,
    };
  }
}

import { asMonitorMessage } from '../workers/guards';
import { startModuleWorker } from '../workers/start';
import monitorUrl from './chart/monitor.worker.ts?worker&url';
import type { ChartTheme, MonitorStallDrawn, PageToMonitor } from '../workers/protocol';
import type { ChartModel } from './chart/chart-model';
import type { drawChart } from './chart/draw-chart';
import { STALL_MS } from './frame-timeline';

/** Frames per heartbeat while frames are on time: half the messages, at most a frame's delay. */
export const HEARTBEAT_EVERY = 2;

export type MonitorMode = 'starting' | 'worker' | 'main-thread';

/**
 * The page's end of the stall chart. Normally the chart belongs to the monitor worker, which keeps
 * drawing while the main thread is blocked; where OffscreenCanvas is missing, or the worker dies,
 * the chart is drawn on the main thread instead and says that it freezes with the page.
 */
export class MonitorLink {
  mode = $state<MonitorMode>('starting');
  /** Why the chart is on the main thread, in words for the reader. */
  fallbackReason = $state<string | null>(null);
  /** Messages from the worker that failed the protocol check. */
  rejected = $state(0);
  /** Bumped when the canvas must be replaced (a transferred canvas cannot be drawn on again). */
  generation = $state(0);

  #worker: Worker | null = null;
  /** Dials handed to the worker so far: the last one's id. */
  #dials = 0;
  #pending: number[] = [];
  #sinceHeartbeat = 0;
  #fallback: {
    ctx: CanvasRenderingContext2D;
    model: ChartModel;
    draw: typeof drawChart;
  } | null = null;
  #canvas: HTMLCanvasElement | null = null;
  #size = { width: 300, height: 150, dpr: 1 };
  #theme: ChartTheme | null = null;
  #reducedMotion = false;
  readonly #onStallDrawn: (message: MonitorStallDrawn) => void;

  constructor(onStallDrawn: (message: MonitorStallDrawn) => void) {
    this.#onStallDrawn = onStallDrawn;
  }

  attach(canvas: HTMLCanvasElement, theme: ChartTheme, reducedMotion: boolean): () => void {
    this.#canvas = canvas;
    this.#theme = theme;
    this.#reducedMotion = reducedMotion;
    // The size comes with the observer's first report, after the browser's own layout: reading it
    // here (getBoundingClientRect) forced a layout of the whole page inside the app's start-up task.
    const resizer = new ResizeObserver(([entry]) => entry && this.#resized(entry));
    resizer.observe(canvas);
    if (this.mode !== 'main-thread' && typeof canvas.transferControlToOffscreen === 'function') {
      this.#startWorker(canvas);
    } else {
      this.#startFallback(
        canvas,
        this.fallbackReason ??
          'This browser cannot hand a canvas to a worker (no OffscreenCanvas).',
      );
    }
    return () => {
      resizer.disconnect();
      this.#worker?.terminate();
      this.#worker = null;
      this.#fallback = null;
    };
  }

  /**
   * Records a frame. The worker hears about frames every HEARTBEAT_EVERY frames, and at once
   * after a stall: a postMessage is the largest part of the instrument's cost per frame. `stall`
   * is the id of the stall this frame ended, if any; the worker's report of it carries the id back.
   */
  frame(at: number, interval: number | null, stall: number | null = null): void {
    if (this.#fallback) {
      if (interval !== null) this.#fallback.model.frame(at, interval);
      this.#fallback.model.heartbeat(at, 1);
      return;
    }
    if (interval !== null) this.#pending.push(at, interval);
    if (++this.#sinceHeartbeat < HEARTBEAT_EVERY && (interval === null || interval <= STALL_MS))
      return;
    this.#post({ type: 'heartbeat', at, frames: this.#pending, every: HEARTBEAT_EVERY, stall });
    this.#pending = [];
    this.#sinceHeartbeat = 0;
  }

  /**
   * Hands a dial of the main thread to the monitor worker, which turns its hand at each of the
   * page's frames (see chart/dial.ts) so that the page spends nothing per frame on it.
   *
   * @param canvas a square canvas, `size` CSS px a side, not yet drawn on
   * @returns a function that tells the worker to stop drawing it (call it when the canvas leaves
   *   the page), or null where there is no worker to take it (the page then turns its own hand)
   *   and the canvas is left untouched
   */
  attachDial(canvas: HTMLCanvasElement, size: number): (() => void) | null {
    const worker = this.#worker;
    if (!worker || typeof canvas.transferControlToOffscreen !== 'function') return null;
    const offscreen = canvas.transferControlToOffscreen();
    const id = ++this.#dials;
    const dial: PageToMonitor = {
      type: 'dial',
      id,
      canvas: offscreen,
      size,
      dpr: devicePixelRatio || 1,
    };
    worker.postMessage(dial, [offscreen]);
    return () => {
      if (this.#worker === worker) this.#post({ type: 'dial-release', id });
    };
  }

  stall(start: number, end: number, duration: number): void {
    if (this.#fallback) this.#fallback.model.stall({ start, end, duration });
    else this.#post({ type: 'stall', start, end, duration });
  }

  visibility(hidden: boolean): void {
    if (this.#fallback) this.#fallback.model.setHidden(hidden);
    else this.#post({ type: 'visibility', hidden });
  }

  settings(theme: ChartTheme, reducedMotion: boolean): void {
    this.#theme = theme;
    this.#reducedMotion = reducedMotion;
    this.#post({ type: 'settings', theme, reducedMotion });
  }

  /** Main-thread drawing, called from the page's frame loop; a no-op while the worker draws. */
  drawFallback(epochNow: number): void {
    if (!this.#fallback || !this.#theme) return;
    this.#fallback.draw(
      this.#fallback.ctx,
      this.#fallback.model,
      epochNow,
      this.#size,
      this.#theme,
      'drawn on the main thread: it freezes during a stall',
    );
  }

  #startWorker(canvas: HTMLCanvasElement): void {
    let worker: Worker;
    try {
      worker = startModuleWorker(monitorUrl, 'monitor');
    } catch (error) {
      // A host that forbids workers (a sandboxed frame, Trusted Types, worker-src): the canvas is
      // still the page's own, so the chart is drawn here, and says why.
      return this.#startFallback(canvas, `This page may not start a worker here (${error}).`);
    }
    this.#worker = worker;
    worker.onmessage = (event: MessageEvent<unknown>) => {
      const message = asMonitorMessage(event.data);
      if (!message) {
        this.rejected++;
        return;
      }
      if (message.type === 'ready') this.mode = 'worker';
      else this.#onStallDrawn(message);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      this.#workerDied(event.message || 'an uncaught error');
    };
    worker.onmessageerror = () => this.rejected++;
    const offscreen = canvas.transferControlToOffscreen();
    const init: PageToMonitor = {
      type: 'init',
      canvas: offscreen,
      ...this.#size,
      theme: this.#theme as ChartTheme,
      reducedMotion: this.#reducedMotion,
    };
    worker.postMessage(init, [offscreen]);
  }

  #workerDied(why: string): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.fallbackReason = `The monitor worker stopped (${why}); the chart is now drawn on the main thread.`;
    this.mode = 'main-thread';
    // The old canvas belongs to the dead worker; the component renders a fresh one and re-attaches.
    this.generation++;
  }

  #startFallback(canvas: HTMLCanvasElement, reason: string): void {
    const ctx = canvas.getContext('2d', { alpha: false });
    if (!ctx) return;
    this.mode = 'main-thread';
    this.fallbackReason = reason;
    // The main-thread chart is needed only where the worker cannot draw, so its code is not part
    // of the first load: it arrives a moment after the fallback starts, and draws from then on.
    Promise.all([import('./chart/chart-model'), import('./chart/draw-chart')]).then(
      ([{ ChartModel }, { drawChart }]) => {
        if (this.#canvas !== canvas) return;
        this.#fallback = { ctx, model: new ChartModel(), draw: drawChart };
        this.#applyFallbackSize();
      },
      (error: unknown) => {
        this.fallbackReason = `${reason} Its drawing code could not be loaded either (${String(error)}).`;
      },
    );
  }

  #resized(entry: ResizeObserverEntry): void {
    if (!this.#canvas) return;
    this.#size = measure(entry);
    if (this.#fallback) this.#applyFallbackSize();
    else this.#post({ type: 'resize', ...this.#size });
  }

  #applyFallbackSize(): void {
    if (!this.#fallback || !this.#canvas) return;
    this.#canvas.width = Math.round(this.#size.width * this.#size.dpr);
    this.#canvas.height = Math.round(this.#size.height * this.#size.dpr);
    this.#fallback.ctx.setTransform(this.#size.dpr, 0, 0, this.#size.dpr, 0, 0);
  }

  #post(message: PageToMonitor): void {
    this.#worker?.postMessage(message);
  }
}

/** The canvas's border box in CSS px, as the observer reported it, and the pixel ratio (capped at 3). */
function measure(entry: ResizeObserverEntry) {
  // Older engines report only contentRect; the canvas has no border or padding, so both agree.
  const box = entry.borderBoxSize?.[0];
  return {
    width: Math.max(1, Math.round(box?.inlineSize ?? entry.contentRect.width)),
    height: Math.max(1, Math.round(box?.blockSize ?? entry.contentRect.height)),
    dpr: Math.min(3, window.devicePixelRatio || 1),
  };
}

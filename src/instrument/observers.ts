/**
 * The browser's own measurements of main-thread work, where it has them. Each entry type is
 * feature-detected; without any of them the instrument still works from frame gaps alone.
 */

export interface BrowserBusy {
  start: number;
  end: number;
}

export interface BrowserAttribution {
  /** When the long animation frame started. */
  at: number;
  /** The script that ran longest in it, as the browser names it ("BUTTON.onclick", a URL…). */
  script: string;
}

export interface BrowserEventTiming {
  name: string;
  start: number;
  processingStart: number;
  /** From the event to the next paint, as the browser rounds it (8 ms steps). */
  duration: number;
}

export interface ObserverHandlers {
  /** A long task: the main thread was busy from start to end. */
  busy(entry: BrowserBusy): void;
  attribution(entry: BrowserAttribution): void;
  event(entry: BrowserEventTiming): void;
  /** A User Timing measure the page set around its own blocking work (every engine has these). */
  measured?(entry: BrowserBusy): void;
}

export interface ObserverSupport {
  longtask: boolean;
  longAnimationFrame: boolean;
  eventTiming: boolean;
}

function types(): readonly string[] {
  return typeof PerformanceObserver === 'undefined'
    ? []
    : (PerformanceObserver.supportedEntryTypes ?? []);
}

export function observerSupport(): ObserverSupport {
  const supported = types();
  return {
    longtask: supported.includes('longtask'),
    longAnimationFrame: supported.includes('long-animation-frame'),
    eventTiming: supported.includes('event'),
  };
}

/** Long-animation-frame entries name the scripts that ran; this shape is all the page reads. */
interface LoafScript {
  invoker?: string;
  duration?: number;
}

function blamedScript(entry: PerformanceEntry): string | null {
  const scripts = (entry as PerformanceEntry & { scripts?: LoafScript[] }).scripts;
  if (!Array.isArray(scripts) || scripts.length === 0) return null;
  let worst: LoafScript | undefined;
  for (const s of scripts) if (!worst || (s.duration ?? 0) > (worst.duration ?? 0)) worst = s;
  return worst?.invoker ?? null;
}

export function observeBrowser(handlers: ObserverHandlers): () => void {
  const support = observerSupport();
  const observers: PerformanceObserver[] = [];
  const watch = (
    type: string,
    init: PerformanceObserverInit,
    each: (e: PerformanceEntry) => void,
  ) => {
    const observer = new PerformanceObserver((list) => list.getEntries().forEach(each));
    try {
      observer.observe({ type, ...init });
      observers.push(observer);
    } catch {
      // Listed as supported but refused (an older engine's option set): go on without it.
    }
  };

  if (support.longtask) {
    watch('longtask', { buffered: true }, (e) =>
      handlers.busy({ start: e.startTime, end: e.startTime + e.duration }),
    );
  }
  // A long animation frame's duration runs to its rendering, which can come long after the main
  // thread fell idle (a minimised window renders nothing), so it names the culprit but does not
  // measure the stall.
  if (support.longAnimationFrame) {
    watch('long-animation-frame', {}, (e) => {
      const script = blamedScript(e);
      if (script) handlers.attribution({ at: e.startTime, script });
    });
  }
  if (support.eventTiming) {
    watch('event', { durationThreshold: 16 } as PerformanceObserverInit, (e) => {
      const timing = e as PerformanceEventTiming;
      handlers.event({
        name: timing.name,
        start: timing.startTime,
        processingStart: timing.processingStart,
        duration: timing.duration,
      });
    });
  }
  const measured = handlers.measured;
  if (measured && types().includes('measure')) {
    watch('measure', {}, (e) => {
      if (e.name.startsWith('two-loops:'))
        measured({ start: e.startTime, end: e.startTime + e.duration });
    });
  }
  return () => observers.forEach((o) => o.disconnect());
}

/**
 * Every message that crosses a thread boundary in Two Loops, as one tagged union per direction.
 * Types only: the runtime checks that guard each boundary live in ./guards.ts.
 *
 * Times in messages are epoch milliseconds (performance.timeOrigin + performance.now()), because
 * each thread's performance.now() counts from its own origin.
 */

// ── Page → monitor worker ────────────────────────────────────────────────────────────────────

export interface ChartTheme {
  background: string;
  grid: string;
  text: string;
  frame: string;
  stall: string;
  live: string;
  font: string;
}

export interface MonitorInit {
  type: 'init';
  canvas: OffscreenCanvas;
  width: number;
  height: number;
  dpr: number;
  theme: ChartTheme;
  reducedMotion: boolean;
}

/** Sent from the page's requestAnimationFrame callback: the main thread is alive. */
export interface MonitorHeartbeat {
  type: 'heartbeat';
  at: number;
  /** The interval that ended with this frame; null when the chain restarted (page was hidden). */
  interval: number | null;
}

/** A stall the page has measured and refined with the browser's long-task entries. */
export interface MonitorStall {
  type: 'stall';
  start: number;
  end: number;
  duration: number;
}

export interface MonitorResize {
  type: 'resize';
  width: number;
  height: number;
  dpr: number;
}

export interface MonitorSettings {
  type: 'settings';
  theme: ChartTheme;
  reducedMotion: boolean;
}

export interface MonitorVisibility {
  type: 'visibility';
  hidden: boolean;
}

export type PageToMonitor =
  | MonitorInit
  | MonitorHeartbeat
  | MonitorStall
  | MonitorResize
  | MonitorSettings
  | MonitorVisibility;

// ── Monitor worker → page ────────────────────────────────────────────────────────────────────

export interface MonitorReady {
  type: 'ready';
}

/** After a stall: how many chart frames the monitor drew while the main thread was blocked. */
export interface MonitorStallDrawn {
  type: 'stall-drawn';
  /** The heartbeat that ended the stall. */
  end: number;
  gap: number;
  frames: number;
}

export type MonitorToPage = MonitorReady | MonitorStallDrawn;

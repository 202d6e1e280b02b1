/**
 * The driver-neutral layer the cross-browser suite is written against: open a page, run a script
 * in it, click at a point, read what the page recorded. Finding by role and accessible name runs
 * inside the page (Testing Library's queries, injected: see page.ts), so each driver only has to
 * move a mouse and evaluate JavaScript, which all three protocols do.
 */
export type Engine = 'chromium' | 'firefox' | 'webkit';

export interface Driver {
  readonly engine: Engine;
  /** The engine's own name and version, as the driver reports it. */
  readonly version: string;
  /** Navigates and waits for the load event. */
  open(url: string): Promise<void>;
  /**
   * Runs `source`, a function expression, with `arg` in the page's top frame and returns its
   * result (awaited when it is a promise). Results must be JSON values.
   */
  run<T>(source: string, arg?: unknown): Promise<T>;
  /** A real mouse click (press and release) at viewport coordinates, through the input pipeline. */
  click(x: number, y: number): Promise<void>;
  /**
   * The driver's input reaches the page as an event created, and stamped, only once the page's
   * thread is free again (Firefox over BiDi, WebKitGTK over WebDriver), so a click sent during a
   * stall looks to the page as if it had been made after it.
   */
  readonly inputMadeInPage: boolean;
  /**
   * The driver gives up on a page that stays unresponsive while a command waits on it
   * (WebKitWebDriver: "session deleted because of page crash or hang"), so no command may be
   * sent during a stall the test caused.
   */
  readonly dropsHungPages: boolean;
  /** Errors the driver saw itself (console errors, uncaught exceptions); [] where it has no log. */
  nativeErrors(): string[];
  close(): Promise<void>;
}

export const VIEWPORT = { width: 1280, height: 900 };

/**
 * The monitor: owns the stall chart as an OffscreenCanvas and draws it at display rate from its
 * own thread, so the chart keeps moving — and shows the stall growing — while the page's main
 * thread is blocked and cannot draw anything.
 */
import type { ChartTheme, MonitorToPage, PageToMonitor } from '../../workers/protocol';
import { ChartModel } from './chart-model';
import { drawChart, type ChartSize } from './draw-chart';
import { dialAngle, dialFrame, drawDial } from './dial';

const model = new ChartModel();
let canvas: OffscreenCanvas | null = null;
let ctx: OffscreenCanvasRenderingContext2D | null = null;
let size: ChartSize = { width: 300, height: 150, dpr: 1 };
let theme: ChartTheme | null = null;
let reducedMotion = false;
let drawsSinceHeartbeat = 0;
let lastStepDraw = 0;
/**
 * The main thread's dials the page handed over (the instrument's, and the narrow screen's live
 * strip), and the frame their hands show.
 */
const dials = new Map<number, { ctx: OffscreenCanvasRenderingContext2D; size: number }>();
let dialShown: number | null = null;

const now = () => performance.timeOrigin + performance.now();
const nextFrame: (cb: () => void) => void =
  typeof self.requestAnimationFrame === 'function'
    ? (cb) => self.requestAnimationFrame(cb)
    : (cb) => setTimeout(cb, 1000 / 60);

function post(message: MonitorToPage): void {
  self.postMessage(message);
}

function resize(next: ChartSize): void {
  size = next;
  if (!canvas || !ctx) return;
  canvas.width = Math.max(1, Math.round(size.width * size.dpr));
  canvas.height = Math.max(1, Math.round(size.height * size.dpr));
  // Setting the size resets the context state, so the transform is set once here, not per frame.
  ctx.setTransform(size.dpr, 0, 0, size.dpr, 0, 0);
}

function frame(): void {
  nextFrame(frame);
  if (!theme) return;
  const t = now();
  // With reduced motion the page shows a ticking digit instead, drawn by the page itself.
  if (dials.size && !reducedMotion) {
    const at = dialFrame(model.frameEnds, t);
    // Redrawn only when the main thread has run a newer frame: during a stall it stays still.
    if (at !== null && at !== dialShown) {
      dialShown = at;
      for (const dial of dials.values()) drawDial(dial.ctx, dialAngle(at), dial.size, theme.hand);
    }
  }
  if (!ctx) return;
  // With reduced motion the chart steps twice a second instead of scrolling, except that a stall
  // in progress keeps its counter moving: that number is the point of the chart.
  if (reducedMotion && model.blockedSince(t) === null && t - lastStepDraw < 500) return;
  lastStepDraw = t;
  drawChart(
    ctx,
    model,
    t,
    size,
    theme,
    model.hidden ? 'page out of sight: not measured, not a stall' : null,
  );
  drawsSinceHeartbeat++;
}

self.onmessage = (event) => {
  // The page is this worker's only correspondent and sends typed messages; see protocol.ts.
  const message = event.data as PageToMonitor;
  switch (message.type) {
    case 'init':
      canvas = message.canvas;
      ctx = canvas.getContext('2d', { alpha: false });
      theme = message.theme;
      reducedMotion = message.reducedMotion;
      resize({ width: message.width, height: message.height, dpr: message.dpr });
      post({ type: 'ready' });
      nextFrame(frame);
      break;
    case 'heartbeat':
      for (let i = 0; i + 1 < message.frames.length; i += 2)
        model.frame(message.frames[i] as number, message.frames[i + 1] as number);
      // A stall ends a heartbeat at once, so the draws since the last one are the stall's.
      if (message.stall !== null)
        post({
          type: 'stall-drawn',
          stall: message.stall,
          gap: message.frames.at(-1) ?? 0,
          frames: drawsSinceHeartbeat,
        });
      drawsSinceHeartbeat = 0;
      model.heartbeat(message.at, message.every);
      break;
    case 'stall':
      model.stall(message);
      break;
    case 'resize':
      resize(message);
      break;
    case 'settings':
      theme = message.theme;
      reducedMotion = message.reducedMotion;
      dialShown = null;
      break;
    case 'dial': {
      const dialCtx = message.canvas.getContext('2d');
      if (!dialCtx) break;
      message.canvas.width = Math.round(message.size * message.dpr);
      message.canvas.height = Math.round(message.size * message.dpr);
      dialCtx.setTransform(message.dpr, 0, 0, message.dpr, 0, 0);
      dials.set(message.id, { ctx: dialCtx, size: message.size });
      dialShown = null;
      break;
    }
    case 'dial-release':
      dials.delete(message.id);
      break;
    case 'visibility':
      model.setHidden(message.hidden);
      break;
  }
};

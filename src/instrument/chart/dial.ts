import type { RingBuffer } from '../ring-buffer';

/**
 * The main thread's dial, drawn by the monitor worker.
 *
 * Turning a hand with a CSS transform from the page's frame callback cost the idle page about
 * 1 ms of main-thread time per frame (style, layerization and a commit, every frame; `npm run
 * bench`, "idle cost"): more than everything else the idle page does. Here the page only reports its frames, as it already does for the stall chart, and the
 * worker draws the hand at the time of the main thread's latest frame. The hand therefore still
 * moves exactly when, and only when, the main thread runs a frame: during a stall no frame
 * arrives and it stops, as a Tk window stops redrawing.
 */

/**
 * How far behind the worker's clock the dial is drawn (ms). Frames reach the worker in heartbeats
 * of a few frames each; drawing this far back replays them one by one, so the hand moves at the
 * page's own frame rate instead of jumping once per heartbeat. 40 ms is under three frames at
 * 60 Hz, too little for a reader to see, and well under the 50 ms stall line.
 */
export const DIAL_DELAY_MS = 40;

/**
 * The main-thread frame the dial shows at `now`: the latest frame end at or before
 * `now - DIAL_DELAY_MS`.
 *
 * @param frameEnds the main thread's frame ends, oldest first (epoch ms)
 * @param now the worker's time (epoch ms)
 * @returns that frame's end (epoch ms), or null when no frame is that old yet
 */
export function dialFrame(frameEnds: RingBuffer, now: number): number | null {
  const until = now - DIAL_DELAY_MS;
  for (let i = frameEnds.size - 1; i >= 0; i--) {
    const end = frameEnds.at(i);
    if (end <= until) return end;
  }
  return null;
}

/** The hand's angle (radians, clockwise from 12 o'clock) at a frame time: one turn a second. */
export function dialAngle(frameAt: number): number {
  return (((frameAt % 1000) + 1000) % 1000) * ((2 * Math.PI) / 1000);
}

/**
 * Draws the hand on a square canvas of `size` CSS px (the rim is the element's CSS border).
 * Mirrors the CSS hand the compositor turns beside it: in proportion to the dial, 4 px wide, 18 px
 * long and 3 px from the rim at 44 px.
 */
export function drawDial(
  ctx: OffscreenCanvasRenderingContext2D,
  angle: number,
  size: number,
  colour: string,
): void {
  ctx.clearRect(0, 0, size, size);
  ctx.save();
  ctx.translate(size / 2, size / 2);
  ctx.rotate(angle);
  ctx.fillStyle = colour;
  ctx.beginPath();
  const width = size * 0.09;
  ctx.roundRect(-width / 2, -size / 2 + size * 0.07, width, size * 0.41, width / 2);
  ctx.fill();
  ctx.restore();
}

import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import LaneTimeline from '../../src/lanes/LaneTimeline.svelte';
import { LaneLog } from '../../src/lanes/lane-log';
import { testServices } from './services';

function sampleLog(now: number): LaneLog {
  const log = new LaneLog(['main', 'loop worker']);
  const done = log.open('loop worker', 'task', now - 3_000, '#1 wait 1000 ms', 1);
  log.close(done, now - 2_000, 'done');
  const failed = log.open('loop worker', 'task', now - 1_500, '#2 cpu 200 ms', 2);
  log.close(failed, now - 1_300, 'failed');
  log.open('loop worker', 'task', now - 500, '#3 wait 5000 ms', 3);
  log.arrow({
    from: 'main',
    to: 'loop worker',
    sentAt: now - 3_001,
    receivedAt: now - 3_000,
    label: '',
  });
  log.arrow({
    from: 'loop worker',
    to: 'main',
    sentAt: now - 2_000,
    receivedAt: now - 1_999,
    label: '',
  });
  return log;
}

describe('LaneTimeline', () => {
  let getContext: ReturnType<typeof vi.spyOn>;
  beforeEach(() => {
    // jsdom has no 2D context: exactly the case the component must survive.
    getContext = vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  });
  afterEach(() => getContext.mockRestore());

  it('renders a hidden canvas inside a figure named by its title', () => {
    const { context } = testServices();
    render(LaneTimeline, {
      props: { log: sampleLog(performance.now()), title: 'Lanes: Dedicated' },
      context,
    });
    const figure = screen.getByRole('figure', { name: 'Lanes: Dedicated' });
    const canvas = figure.querySelector('canvas');
    expect(canvas).not.toBeNull();
    expect(canvas).toHaveAttribute('aria-hidden', 'true');
    expect(getContext).toHaveBeenCalledWith('2d', { alpha: false });
  });

  it('without a canvas context, says so and opens the text alternative', () => {
    const { context } = testServices();
    render(LaneTimeline, { props: { log: sampleLog(performance.now()), title: 'Lanes' }, context });
    const figure = screen.getByRole('figure', { name: 'Lanes' });
    expect(within(figure).getByText(/cannot draw the timeline/)).toBeInTheDocument();
    expect(within(figure).queryByRole('button', { name: /scrolling/ })).toBeNull();
    const details = figure.querySelector('details');
    expect(details?.open).toBe(true);
    const text = within(figure).getByRole('group');
    expect(text).toHaveTextContent('main thread: 0 spans recorded.');
    expect(text).toHaveTextContent('loop worker: 3 spans recorded, 1 still running; latest first:');
    const items = within(text)
      .getAllByRole('listitem')
      .map((li) => li.textContent ?? '');
    expect(
      // Started 500 ms before the render: a slow machine may render it a second later.
      items.some((t) =>
        /^#3 wait 5000 ms \(task\): started (\d+ ms|\d\.\d s) ago, still running$/.test(t),
      ),
    ).toBe(true);
    expect(
      items.some((t) =>
        /^#2 cpu 200 ms \(task\): started \d\.\d s ago, took 200 ms, failed$/.test(t),
      ),
    ).toBe(true);
    expect(items.some((t) => /#1 wait 1000 ms .*took 1\.0 s, done/.test(t))).toBe(true);
    expect(text).toHaveTextContent('main thread → loop worker: 1 message');
    expect(text).toHaveTextContent('loop worker → main thread: 1 message');
    expect(text).toHaveTextContent(
      "No stalls of the Tk thread (this page's main thread) in the last 10 s. 2 messages between lanes recorded.",
    );
  });

  it('is not a live region: screen readers are not interrupted as it changes', () => {
    const { context } = testServices();
    const { container } = render(LaneTimeline, {
      props: { log: sampleLog(performance.now()), title: 'Lanes' },
      context,
    });
    expect(container.querySelector('[aria-live], [role="status"], [role="log"]')).toBeNull();
  });

  it('shows the confirmed stalls of the page in the text', () => {
    const { context, services } = testServices();
    const now = performance.now();
    const log = services.instrument.log;
    log.addGap(now - 2_000, now - 1_200);
    // jsdom reports no long tasks, so the instrument's log would leave this pending: confirm it.
    for (const stall of log.stalls) stall.status = 'confirmed';
    render(LaneTimeline, { props: { log: sampleLog(now), title: 'Lanes' }, context });
    expect(screen.getByRole('group')).toHaveTextContent(
      "1 stall of the Tk thread (this page's main thread) in the last 10 s, the longest 800 ms.",
    );
  });

  it('can be collapsed and reopened by the reader', async () => {
    const user = userEvent.setup();
    const { context } = testServices();
    const log = sampleLog(performance.now());
    render(LaneTimeline, { props: { log, title: 'Lanes' }, context });
    const summary = screen.getByText('The timeline as text');
    const details = summary.closest('details') as HTMLDetailsElement;
    await user.click(summary);
    expect(details.open).toBe(false);
    // Reopening rebuilds the text from the log as it is now.
    log.instant('main', 'delivery', performance.now(), performance.now() + 1, 'deliver #1', 1);
    await user.click(summary);
    expect(details.open).toBe(true);
    await vi.waitFor(() =>
      expect(within(details).getByText(/^deliver #1 \(delivery\)/)).toBeInTheDocument(),
    );
  });
});

/** Gives every canvas a 2D context that draws nothing; returns the spy to restore. */
function stubCanvas() {
  const fake = new Proxy(
    {},
    {
      get: (_t, prop) => (prop === 'measureText' ? () => ({ width: 10 }) : () => {}),
      set: () => true,
    },
  );
  return vi
    .spyOn(HTMLCanvasElement.prototype, 'getContext')
    .mockReturnValue(fake as CanvasRenderingContext2D);
}

describe('LaneTimeline with a canvas', () => {
  it('keeps the open text in step with the log while the drawing is scrolled out of view', async () => {
    const spy = stubCanvas();
    // The canvas is never in view: the observer says so as soon as it observes.
    class OutOfView {
      constructor(private readonly callback: IntersectionObserverCallback) {}
      observe(target: Element) {
        this.callback(
          [{ isIntersecting: false, target } as IntersectionObserverEntry],
          this as unknown as IntersectionObserver,
        );
      }
      disconnect() {}
    }
    vi.stubGlobal('IntersectionObserver', OutOfView);
    try {
      const user = userEvent.setup();
      const { context, services } = testServices();
      const frames: ((now: number) => void)[] = [];
      vi.spyOn(services.instrument, 'onFrame').mockImplementation((callback) => {
        frames.push(callback);
        return () => {};
      });
      const log = new LaneLog(['main', 'loop worker']);
      render(LaneTimeline, { props: { log, title: 'Lanes' }, context });
      const summary = screen.getByText('The timeline as text');
      const details = summary.closest('details') as HTMLDetailsElement;
      await user.click(summary);
      expect(details).toHaveTextContent('loop worker: 0 spans recorded');
      // A run starts after the text was opened; the drawing is out of view.
      const now = performance.now();
      log.instant('loop worker', 'task', now, now + 5, '#1 wait 5 ms', 1);
      log.instant('main', 'delivery', now + 5, now + 6, '1 result shown', 1);
      expect(frames).toHaveLength(1);
      for (const frame of frames) frame(performance.now() + 1_000);
      await vi.waitFor(() => expect(details).toHaveTextContent('loop worker: 1 span recorded'));
      expect(details).toHaveTextContent('main thread: 1 span recorded');
    } finally {
      vi.unstubAllGlobals();
      spy.mockRestore();
    }
  });

  it('offers a pause control that toggles', async () => {
    const spy = stubCanvas();
    try {
      const user = userEvent.setup();
      const { context } = testServices();
      render(LaneTimeline, {
        props: { log: sampleLog(performance.now()), title: 'Lanes' },
        context,
      });
      expect(screen.queryByText(/cannot draw/)).toBeNull();
      const pause = screen.getByRole('button', { name: 'Pause scrolling' });
      await user.click(pause);
      expect(pause).toHaveAccessibleName('Resume scrolling');
      await user.click(pause);
      expect(pause).toHaveAccessibleName('Pause scrolling');
      // Collapsed by default when the drawing is there.
      expect(screen.getByText('The timeline as text').closest('details')?.open).toBe(false);
    } finally {
      spy.mockRestore();
    }
  });
});

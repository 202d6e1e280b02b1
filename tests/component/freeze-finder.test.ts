import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import FreezeFinder from '../../src/checker/FreezeFinder.svelte';
import FreezeFinderRecording from '../../src/checker/FreezeFinderRecording.svelte';
import blockingSource from '../../python/mistakes/blocking_call_in_command.py?raw';
import waitSource from '../../python/mistakes/wait_on_future_in_callback.py?raw';
import freezeFinderJson from '../../src/tk-traces/freeze-finder.json';
import { blockingLine, parseTkTrace } from '../../src/tk-traces/trace-checks';
import type { TraceOf } from '../../src/tk-traces/trace-types';

const trace = parseTkTrace(freezeFinderJson) as TraceOf<'freeze-finder'>;

/** Each recorded mistake: the line that blocks, read from the file as it is now. */
const MISTAKES = [
  {
    variant: 'blocking-call',
    title: 'a blocking call in a command',
    script: 'python/mistakes/blocking_call_in_command.py',
    fn: 'on_sleep',
    line: blockingLine(blockingSource, 'time.sleep(1)'),
    source: blockingSource,
  },
  {
    variant: 'wait-on-future',
    title: 'waiting for a future inside a Tk callback',
    script: 'python/mistakes/wait_on_future_in_callback.py',
    fn: 'on_run',
    line: blockingLine(waitSource, 'future.result()'),
    source: waitSource,
  },
];

describe('Find the freeze in your running app', () => {
  it('shows, per mistake, what the watchdog printed under real Tk and the blocking line it named', async () => {
    render(FreezeFinder);
    const region = screen.getByRole('region', { name: 'Find the freeze in your running app' });
    await within(region).findByRole('heading', { name: 'Recorded under real Tk' });
    await within(region).findByTestId('tk-meta', {}, { timeout: 10_000 });
    for (const m of MISTAKES) {
      expect(m.line).not.toBeNull();
      const text = m.source.split('\n')[(m.line ?? 0) - 1]!.trim();
      const link = within(region).getByRole('link', { name: m.title });
      expect(link.getAttribute('href')).toMatch(/^#mistake-/);
      const said = within(region).getByTestId(`freeze-finder-${m.variant}`);
      // toHaveTextContent collapses runs of spaces, as the page's own text does.
      expect(said).toHaveTextContent(
        `naming line ${m.line}, in ${m.fn}: ${text.replace(/\s+/g, ' ')}`,
      );
      const printed = within(region).getByLabelText(`What the watchdog printed against ${m.title}`);
      expect(printed.textContent).toContain(
        `File "${m.script}", line ${m.line}, in ${m.fn}\n    ${text}`,
      );
      expect(printed.textContent).toMatch(/^freeze finder: the Tk thread has not run for \d+ ms/);
      // The printout is reachable from the keyboard (a scrollable region).
      expect(printed.tabIndex).toBe(0);
    }
    expect(within(region).getByTestId('tk-meta')).toHaveTextContent(
      `${trace.meta.pythonImplementation} ${trace.meta.python}`,
    );
  });

  it('says why when the recording cannot be shown', () => {
    render(FreezeFinderRecording, {
      loaded: { ok: false, message: 'The Tk recording freeze-finder.json failed validation.' },
    });
    expect(screen.getByTestId('tk-recording-error')).toHaveTextContent('failed validation');
    expect(screen.queryByLabelText(/What the watchdog printed/)).toBeNull();
  });

  it('shows a printout as text, never as markup', () => {
    const odd = structuredClone(trace);
    odd.runs[0]!.printed.push([9999, '<b>bold</b> <img src=x onerror=alert(1)>']);
    const { container } = render(FreezeFinderRecording, { loaded: { ok: true, value: odd } });
    expect(container.querySelector('b, img')).toBeNull();
    expect(container.textContent).toContain('<b>bold</b>');
  });
});

import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ReaderRecordingState } from '../../src/recordings/reader-context.svelte';
import TkRecording from '../../src/recordings/TkRecording.svelte';
import YourMachine from '../../src/recordings/YourMachine.svelte';
import { OUR_PLATFORM } from '../../src/recordings/your-machine-text';
import blockingJson from '../../src/tk-traces/blocking.json';
import {
  freeThreadedRecording,
  linuxRecording,
  macOSRecording,
} from '../support/recording-fixtures';
import { testServices } from './services';

const file = (value: unknown, name = 'two-loops-recording.json') =>
  new File([typeof value === 'string' ? value : JSON.stringify(value)], name, {
    type: 'application/json',
  });

async function choose(content: File) {
  await userEvent.upload(screen.getByLabelText('Your recording (JSON)'), content);
}

const message = () => screen.getByTestId('recording-message');

// One page's services: the section and the recorded views share the reader's recording.
let context: Map<symbol, unknown>;
let readerRecording: ReaderRecordingState;
beforeEach(() => {
  const page = testServices();
  context = page.context;
  readerRecording = page.services.readerRecording;
});

describe('Your machine: a reader’s recording beside ours', () => {
  it('shows a macOS recording beside ours in the recorded views and in the table of every run', async () => {
    render(YourMachine, { context });
    render(TkRecording, {
      props: { strategy: 'blocking', kind: 'wait', durationMs: 1000 },
      context,
    });
    await choose(file(macOSRecording()));
    await expect.poll(() => message().textContent).toContain('shown beside ours');
    expect(screen.getByTestId('reader-machine')).toHaveTextContent(
      'CPython 3.13.1, GIL enabled · Tcl/Tk 8.6.15 (aqua) · macOS 15.2, Darwin 24.2.0',
    );
    // The recorded Blocking view: ours and the reader's, each with its own figures and label.
    const box = screen.getByTestId('tk-recording-blocking');
    const ours = await within(box).findByTestId('tk-source-ours');
    const yours = within(box).getByTestId('tk-source-reader');
    expect(within(yours).getByText(/Your machine/).parentElement).toHaveTextContent('aqua');
    expect(await within(yours).findByTestId('tk-meta')).toHaveTextContent(
      'event_generate(when="tail")',
    );
    expect(await within(ours).findByTestId('tk-meta')).toHaveTextContent('XTEST');
    expect(within(yours).getByTestId('tk-blocking-summary')).toBeVisible();
    // The table covers every trace, and says what macOS could not record.
    const table = await screen.findByTestId('reader-headlines');
    await expect
      .poll(() => within(table).getAllByRole('row').length)
      .toBeGreaterThan(blockingJson.runs.length + 20);
    // Each recording's rows come with its recording, one turn at a time: wait for this one.
    expect(
      (await within(table).findByRole('rowheader', { name: /^clicks, P = 20\sms$/ })).closest('tr'),
    ).toHaveTextContent(/not recorded$/);
    expect(screen.getByTestId('reader-unmade')).toHaveTextContent('need XTEST');
  });

  it('labels a free-threaded recording with its GIL state', async () => {
    render(YourMachine, { context });
    await choose(file(freeThreadedRecording()));
    await expect
      .poll(() => screen.queryByTestId('reader-machine')?.textContent ?? '')
      .toContain('CPython 3.14.0, free-threaded, GIL disabled');
  });

  it('refuses a hostile file, says why, renders none of it, and keeps the recording shown before', async () => {
    render(YourMachine, { context });
    await choose(file(linuxRecording(), 'good.json'));
    await expect.poll(() => message().textContent).toContain('shown beside ours');
    const shown = readerRecording.current;
    const hostile = linuxRecording();
    hostile.meta.machine.os = '<img src=x onerror="window.__pwned=1">';
    await choose(file(hostile, '<b>bad</b>.json'));
    await expect.poll(() => message().textContent).toContain('was refused');
    expect(message()).toHaveTextContent('meta.machine.os: contains markup');
    expect(message()).toHaveTextContent('<b>bad</b>.json was refused');
    expect(message().querySelector('img, b')).toBeNull();
    expect(readerRecording.current).toBe(shown);
    expect(message()).toHaveTextContent('The recording shown before stays.');
  });

  it.each([
    ['not JSON', 'nope', 'not JSON'],
    ['another schema', { ...linuxRecording(), schema: 2 }, 'schema: version 2'],
    ['a trace file', blockingJson, 'format: expected "two-loops-recording"'],
  ])('refuses %s with the problem named', async (_, content, phrase) => {
    render(YourMachine, { context });
    await choose(file(content));
    await expect.poll(() => message().textContent).toContain(phrase);
    expect(readerRecording.current).toBeNull();
  });

  it('says where our own recordings were made, as their meta says', () => {
    expect(blockingJson.meta.python.startsWith('3.11')).toBe(true);
    expect(blockingJson.meta.tk.startsWith('8.6')).toBe(true);
    expect(blockingJson.meta.windowSystem).toBe('x11');
    expect(blockingJson.meta.gilEnabled).toBe(true);
    expect(OUR_PLATFORM).toMatch(/CPython 3\.11 with the GIL.*Tcl\/Tk 8\.6/);
    render(YourMachine, { context });
    expect(screen.getByRole('region', { name: 'Your machine' })).toHaveTextContent(
      'only in recordings readers bring',
    );
    // Which scenarios run where: XTEST on X11, event_generate or nothing elsewhere.
    const platforms = screen.getByRole('table', { name: 'Which scenarios run where' });
    expect(
      within(platforms)
        .getByRole('rowheader', { name: 'blocking, gil, freeze-finder' })
        .closest('tr'),
    ).toHaveTextContent(/XTEST.*event_generate\(…, when="tail"\)/);
    expect(
      within(platforms)
        .getByRole('rowheader', { name: 'one-thread: clicks, chunked' })
        .closest('tr'),
    ).toHaveTextContent('Not recorded');
    expect(screen.getByRole('region', { name: 'Your machine' })).toHaveTextContent('XWayland');
  });
});

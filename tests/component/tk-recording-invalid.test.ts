import { render, screen } from '@testing-library/svelte';
import { testServices } from './services';
import { describe, expect, it, vi } from 'vitest';
import TkRecording from '../../src/recordings/TkRecording.svelte';

// A file of its own: the loader keeps traces for the page's lifetime, so a broken one must be the
// only one this module graph ever sees.
vi.mock('../../src/tk-traces/blocking.json', async (original) => {
  const { default: good } = await original<{ default: { runs: { kind: string }[] } }>();
  const broken = structuredClone(good);
  (broken.runs[0] as { kind: string }).kind = 'sleep';
  return { default: broken };
});

describe('TkRecording with a trace that fails validation', () => {
  it('shows what is wrong with it in place of the recording, and nothing crashes', async () => {
    render(TkRecording, {
      props: { strategy: 'blocking', kind: 'wait', durationMs: 1000 },
      context: testServices().context,
    });
    const error = await screen.findByTestId('tk-recording-error', {}, { timeout: 10_000 });
    expect(error).toHaveTextContent(
      'The Tk recording blocking.json failed validation and is not shown: runs[0].kind: expected one of wait, cpu, got "sleep".',
    );
    expect(screen.getByRole('heading', { name: 'Under real Tkinter, recorded' })).toBeVisible();
    expect(screen.queryByTestId('tk-meta')).toBeNull();
    expect(screen.queryByRole('table')).toBeNull();
  });
});

import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import ShareControls from '../../src/share/ShareControls.svelte';
import { CONFIRMATION_MS } from '../../src/share/copier.svelte';

const HREF = 'https://example.org/two-loops/?panel=blocking#panels';
const QUEUE = {
  panel: 'queue',
  kind: 'wait',
  duration: 1000,
  rate: 100,
  poll: 250,
  tasks: 3,
} as const;

afterEach(() => vi.unstubAllGlobals());

/** Renders the control and opens its menu, as a reader does before either action. */
async function renderOpen(share: typeof QUEUE | null = QUEUE) {
  const result = render(ShareControls, {
    id: 'queue',
    title: 'Queue + polling',
    share,
    href: HREF,
  });
  await fireEvent.click(screen.getByText('Share this panel'));
  return result;
}

describe('ShareControls', () => {
  it('copies the link to the current configuration and says so politely', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    await renderOpen();
    await fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Link copied'));
    expect(writeText).toHaveBeenCalledWith(
      'https://example.org/two-loops/?panel=queue&poll=250&tasks=3',
    );
  });

  it('clears "Link copied" after a few seconds: it is no longer news', async () => {
    vi.useFakeTimers();
    try {
      const writeText = vi.fn(() => Promise.resolve());
      vi.stubGlobal('navigator', { clipboard: { writeText } });
      await renderOpen();
      await fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
      await vi.advanceTimersByTimeAsync(0);
      expect(screen.getByRole('status')).toHaveTextContent('Link copied');
      await vi.advanceTimersByTimeAsync(CONFIRMATION_MS - 100);
      expect(screen.getByRole('status')).toHaveTextContent('Link copied');
      // A second copy restarts the wait rather than being cut short by the first one's timer.
      await fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
      await vi.advanceTimersByTimeAsync(200);
      expect(screen.getByRole('status')).toHaveTextContent('Link copied');
      await vi.advanceTimersByTimeAsync(CONFIRMATION_MS);
      expect(screen.getByRole('status')).toHaveTextContent(/^$/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('selects the link in a read-only field where the clipboard is not available', async () => {
    vi.stubGlobal('navigator', {});
    await renderOpen();
    await fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    const field = await screen.findByRole('textbox', { name: 'Link to this configuration' });
    expect(field).toHaveValue('https://example.org/two-loops/?panel=queue&poll=250&tasks=3');
    expect(field).toHaveAttribute('readonly');
    await waitFor(() => expect(field).toHaveFocus());
    expect((field as HTMLInputElement).selectionEnd).toBe((field as HTMLInputElement).value.length);
    expect(screen.getByRole('status')).toHaveTextContent(/selected.*Ctrl\+C/);
  });

  it('refuses to share a configuration with a refused field', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    await renderOpen(null);
    await fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    expect(screen.getByRole('status')).toHaveTextContent(/Correct the marked fields/);
    expect(writeText).not.toHaveBeenCalled();
  });

  it('shows the embed snippet for the configuration when opened, with a Copy button', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    await renderOpen();
    expect(screen.queryByRole('textbox')).toBeNull();
    await fireEvent.click(screen.getByText('Embed'));
    const code = await screen.findByRole('textbox', { name: /Code for your page/ });
    expect(code).toHaveAttribute('readonly');
    const text = (code as HTMLTextAreaElement).value;
    expect(text).toContain(
      '<iframe class="two-loops" src="https://example.org/two-loops/panel/?panel=queue&amp;poll=250&amp;tasks=3&amp;embed=1"',
    );
    expect(text).toContain('title="Two Loops: Queue + polling" loading="lazy" width="100%"');
    expect(text).toContain("data.type !== 'two-loops:resize'");
    await fireEvent.click(screen.getByRole('button', { name: 'Copy embed code' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(text));
    expect(screen.getByText('Embed code copied')).toBeInTheDocument();
  });

  it('is one closed disclosure until opened; Escape closes it and returns the focus', async () => {
    const { container } = render(ShareControls, {
      id: 'queue',
      title: 'Queue + polling',
      share: QUEUE,
      href: HREF,
    });
    const menu = container.querySelector('details.share') as HTMLDetailsElement;
    const summary = screen.getByText('Share this panel');
    expect(menu.open).toBe(false);
    await fireEvent.click(summary);
    expect(menu.open).toBe(true);
    const copy = screen.getByRole('button', { name: 'Copy link' });
    copy.focus();
    await fireEvent.keyDown(copy, { key: 'Escape' });
    expect(menu.open).toBe(false);
    expect(summary).toHaveFocus();
  });
});

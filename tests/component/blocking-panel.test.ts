import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { tick } from 'svelte';
import { describe, expect, it } from 'vitest';
import BlockingPanel from '../../src/panels/blocking/BlockingPanel.svelte';
import { BlockingPanel as BlockingPanelState } from '../../src/panels/blocking/blocking-panel.svelte';
import { testServices } from './services';

function renderPanel(initial = { kind: 'wait' as const, duration: 20, rate: 100 }) {
  const { services, context } = testServices();
  const panel = new BlockingPanelState(services.instrument, services.announcer, initial);
  render(BlockingPanel, { props: { panel }, context });
  return { services, region: screen.getByRole('region', { name: /Blocking/ }) };
}

describe('BlockingPanel', () => {
  it('is a named region with a Run button, labelled inputs and a Longest stall status', () => {
    const { region } = renderPanel();
    const panel = within(region);
    expect(panel.getByRole('button', { name: 'Run' })).toBeInTheDocument();
    expect(panel.getByLabelText('Task kind')).toHaveValue('wait');
    expect(panel.getByLabelText(/Duration/)).toHaveValue('20');
    expect(panel.getByRole('status')).toHaveTextContent(/Longest stall\s*0\s*ms/);
  });

  it('offers the input probe beside Run, recording into the instrument’s probe and saying the wait', async () => {
    const user = userEvent.setup();
    const { region, services } = renderPanel();
    const near = within(within(region).getByTestId('blocking-near-probe'));
    // The panel's first button stays Run (the URL contract); the probe comes after it.
    expect(within(region).getAllByRole('button')[0]).toHaveAccessibleName('Run');
    await user.click(near.getByRole('button', { name: 'Probe: click during the freeze' }));
    expect(services.instrument.probe.inputs).toHaveLength(1);
    expect(near.getByText(/^Your click waited/)).toHaveTextContent(
      /waited [\d.,]+ ms for this page, your Tk window's stand-in/,
    );
  });

  it('shows the rate field only for streams, with the derived message count', async () => {
    const user = userEvent.setup();
    const { region } = renderPanel();
    const panel = within(region);
    expect(panel.queryByLabelText(/Stream rate/)).toBeNull();
    await user.selectOptions(panel.getByLabelText('Task kind'), 'stream');
    expect(panel.getByLabelText(/Stream rate/)).toHaveValue('100');
    expect(panel.getByText(/^2 label updates/)).toBeInTheDocument();
  });

  it('refuses an out-of-range duration beside the field and runs nothing', async () => {
    const user = userEvent.setup();
    const { region, services } = renderPanel();
    const panel = within(region);
    const duration = panel.getByLabelText(/Duration/);
    await user.clear(duration);
    await user.type(duration, '99999');
    expect(duration).toHaveAttribute('aria-invalid', 'true');
    expect(duration).toHaveAccessibleDescription('Duration must be between 10–10,000 ms.');
    await user.click(panel.getByRole('button', { name: 'Run' }));
    expect(panel.getByRole('alert')).toHaveTextContent('Not run');
    expect(panel.getByTestId('blocking-output')).toHaveTextContent('Ready');
    expect(services.announcer.message).toBe('Not run: correct the highlighted fields first.');
  });

  it('refuses text that is not a whole number', async () => {
    const user = userEvent.setup();
    const { region } = renderPanel();
    const duration = within(region).getByLabelText(/Duration/);
    await user.clear(duration);
    await user.type(duration, '1e3');
    expect(duration).toHaveAccessibleDescription('Duration must be a whole number, 10–10,000 ms.');
  });

  it('runs the task in the click handler, writes the label and announces the result', async () => {
    const user = userEvent.setup();
    const { region, services } = renderPanel();
    const panel = within(region);
    await user.click(panel.getByRole('button', { name: 'Run' }));
    expect(panel.getByTestId('blocking-output')).toHaveTextContent('Done after 20 ms');
    expect(panel.getByTestId('blocking-burst')).toHaveTextContent(
      /held the main thread for \d+ ms/,
    );
    expect(services.announcer.message).toMatch(/^Blocking run finished after \d+ ms\.$/);
  });

  it('highlights the delivered phase in both languages after a run', async () => {
    const user = userEvent.setup();
    const { region } = renderPanel();
    // The code views are chunks of their own: wait until both show their lines.
    await expect
      .poll(
        () =>
          region.querySelectorAll('pre[data-language] .line').length > 0 &&
          region.querySelectorAll('pre[data-language]').length,
        { timeout: 10_000 },
      )
      .toBe(2);
    await user.click(within(region).getByRole('button', { name: 'Run' }));
    await expect.poll(() => region.querySelectorAll('.line.active').length).toBeGreaterThan(1);
    const active = region.querySelectorAll('.line.active');
    expect(active.length).toBeGreaterThan(1);
    for (const line of active) expect(line.getAttribute('data-phase')).toBe('delivered');
    const languages = new Set([...active].map((l) => l.closest('pre')?.dataset.language));
    expect(languages).toEqual(new Set(['python', 'typescript']));
  }, 25_000);
});

describe('BlockingPanel: predict, then run', () => {
  it('asks before the first Run, by keyboard, and the run answers with its count', async () => {
    const user = userEvent.setup();
    const { region } = renderPanel();
    const panel = within(region);
    const question = panel.getByRole('group', { name: /How many times does the command run/ });
    const reveal = panel.getByTestId('blocking-reveal');
    expect(reveal).toHaveAttribute('aria-live', 'polite');
    expect(reveal).toBeEmptyDOMElement();
    // Native radio buttons: Tab reaches the group, the arrow keys choose.
    within(question).getByRole('radio', { name: 'Once' }).focus();
    await user.keyboard('{ArrowRight}');
    expect(within(question).getByRole('radio', { name: 'Twice' })).toBeChecked();
    await user.click(within(question).getByRole('radio', { name: 'Once' }));
    await user.click(panel.getByRole('button', { name: 'Run' }));
    expect(panel.queryByRole('group', { name: /How many times/ })).toBeNull();
    expect(reveal).toHaveTextContent(
      /^You said “Once”; the command ran once: no click arrived while its run held this page, your Tk window's stand-in, frozen \(\d+ ms\)/,
    );
  });

  it('reveals without an answer, and Skip puts the question away and the focus on Run', async () => {
    const user = userEvent.setup();
    const first = renderPanel();
    await user.click(within(first.region).getByRole('button', { name: 'Run' }));
    expect(within(first.region).getByTestId('blocking-reveal')).toHaveTextContent(
      /^The command ran once/,
    );
    first.region.remove();

    const { region } = renderPanel();
    const panel = within(region);
    await user.click(panel.getByRole('button', { name: 'Skip' }));
    expect(panel.queryByRole('group', { name: /How many times/ })).toBeNull();
    expect(panel.getByRole('button', { name: 'Run' })).toHaveFocus();
    await user.click(panel.getByRole('button', { name: 'Run' }));
    expect(panel.getByTestId('blocking-reveal')).toBeEmptyDOMElement();
  });

  it('opens the held recording once the question is skipped, and a later close stays closed', async () => {
    const user = userEvent.setup();
    const { region } = renderPanel();
    const recording = region.querySelector<HTMLDetailsElement>('details[data-part="recording"]');
    expect(recording).not.toBeNull();
    expect(recording!.open).toBe(false);
    expect(recording).toHaveAttribute('data-held', '');
    await user.click(within(region).getByRole('button', { name: 'Skip' }));
    await tick();
    expect(recording!.open).toBe(true);
    // Closed by something other than its summary (a script, find-in-page's counterpart): it stays
    // closed, the question no longer opens it.
    recording!.open = false;
    recording!.dispatchEvent(new Event('toggle'));
    await tick();
    await tick();
    expect(recording!.open).toBe(false);
  });
});

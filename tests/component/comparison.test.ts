import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import Comparison from '../../src/panels/comparison/Comparison.svelte';
import type { StrategyFigures } from '../../src/strategies/strategy-figures';

const FIGURES: StrategyFigures[] = [
  {
    strategy: 'blocking',
    longestStall: 1003,
    inputDelayP95: 980,
    inputDelayMax: 990,
    deliveryP50: null,
    deliveryP95: null,
    deliveryMax: null,
    idleWakeupsPerSecond: 0,
    runs: 1,
  },
  {
    strategy: 'queue',
    longestStall: 4,
    inputDelayP95: 3,
    inputDelayMax: 6,
    deliveryP50: 51,
    deliveryP95: 96,
    deliveryMax: 101,
    idleWakeupsPerSecond: 10,
    runs: 3,
  },
  {
    strategy: 'dedicated',
    longestStall: null,
    inputDelayP95: null,
    inputDelayMax: null,
    deliveryP50: null,
    deliveryP95: null,
    deliveryMax: null,
    idleWakeupsPerSecond: 0,
    runs: 0,
  },
];

function renderComparison(figures = FIGURES) {
  render(Comparison, { props: { figures } });
  const region = screen.getByRole('region', { name: 'Comparison' });
  return { region, table: within(region).getByRole('table', { name: /side by side/ }) };
}

/** The cell of `rowName` under `column` (by header text). */
function cell(table: HTMLElement, rowName: RegExp, column: string): HTMLElement {
  // A heading's first line is the strategy's name; a second may say "not measured".
  const headers = within(table)
    .getAllByRole('columnheader')
    .map((h) => h.firstChild?.textContent?.trim());
  const row = within(table).getByRole('row', { name: rowName });
  const cells = within(row).getAllByRole('cell');
  // The row header is a th, not a cell: column index minus one.
  return cells[headers.indexOf(column) - 1] as HTMLElement;
}

describe('Comparison', () => {
  it('is a region named Comparison with a captioned table of every strategy', () => {
    const { table } = renderComparison();
    expect(table).toHaveAccessibleName(/side by side/);
    const headers = within(table).getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent?.trim())).toEqual([
      'Figure',
      'Blocking',
      'Queue + polling',
      'Dedicated loop',
      'One thread (polling)not measured',
      'One thread (guest mode)not measured',
    ]);
    for (const h of headers) expect(h).toHaveAttribute('scope', 'col');
    const rowHeaders = within(table).getAllByRole('rowheader');
    expect(rowHeaders.map((h) => h.textContent)).toEqual([
      'Longest Tk-thread stall',
      'Input delay, p95',
      'Input delay, max',
      'Delivery latency, p50',
      'Delivery latency, p95',
      'Delivery latency, max',
      'Idle wake-ups per second',
      'Runs',
    ]);
    for (const h of rowHeaders) expect(h).toHaveAttribute('scope', 'row');
  });

  it('marks the best of a row with text, not colour alone', () => {
    const { table } = renderComparison();
    const best = cell(table, /Longest Tk-thread stall/, 'Queue + polling');
    expect(best).toHaveTextContent(/^★\s*4\.0 ms\s*\(best\)$/);
    expect(within(best).getByText('(best)')).toHaveClass('visually-hidden');
    expect(cell(table, /Longest Tk-thread stall/, 'Blocking')).not.toHaveTextContent('best');
  });

  it('marks every strategy tied for best', () => {
    const { table } = renderComparison();
    expect(cell(table, /Idle wake-ups/, 'Blocking')).toHaveTextContent('(best)');
    expect(cell(table, /Idle wake-ups/, 'Dedicated loop')).toHaveTextContent('(best)');
    expect(cell(table, /Idle wake-ups/, 'Queue + polling')).not.toHaveTextContent('best');
  });

  it('shows “—” with a hint for what is not measured, and ranks only what is', () => {
    const { table, region } = renderComparison();
    const missing = cell(table, /Delivery latency, p50/, 'Dedicated loop');
    expect(within(missing).getByText('—')).toHaveAttribute('aria-hidden', 'true');
    expect(missing).toHaveTextContent('Not measured yet: press Run in the Dedicated loop panel.');
    expect(missing).toHaveAttribute(
      'title',
      'Not measured yet: press Run in the Dedicated loop panel.',
    );
    // Queue is the only measured delivery figure: alone, it is not marked best.
    expect(cell(table, /Delivery latency, p50/, 'Queue + polling')).toHaveTextContent(/^51 ms$/);
    expect(within(region).getByRole('link', { name: 'Dedicated loop' })).toHaveAttribute(
      'href',
      '#dedicated',
    );
  });

  it('says when to use each strategy', () => {
    const { region } = renderComparison();
    const terms = within(region)
      .getAllByRole('term')
      .map((t) => t.textContent);
    expect(terms).toEqual([
      'Blocking',
      'Queue + polling',
      'Dedicated loop',
      'One thread (polling)',
      'One thread (guest mode)',
    ]);
    const sentences = within(region)
      .getAllByRole('definition')
      .map((d) => d.textContent ?? '');
    expect(sentences[0]).toMatch(/^Never for anything that takes longer than one redraw/);
    expect(sentences[1]).toMatch(/works with any thread.*up to P ms.*every P ms/);
    expect(sentences[2]).toMatch(/cancellation.*no polling latency.*executor/);
    expect(sentences[3]).toMatch(/no threads.*up to P.*every P ms.*freezes.*dialog pauses/);
    expect(sentences[4]).toMatch(
      /mainloop\(\).*start_guest_run.*wakes 0 times.*one hand-off.*dialog pauses nothing.*round trip.*still freezes/,
    );
  });

  it('shows the one-thread panel\'s modes as two columns, each saying "not measured" until it has a figure', async () => {
    const guest: StrategyFigures = {
      strategy: 'one-thread-guest',
      longestStall: 0,
      inputDelayP95: null,
      inputDelayMax: null,
      deliveryP50: 0.3,
      deliveryP95: 0.9,
      deliveryMax: 2,
      idleWakeupsPerSecond: 0,
      runs: 2,
    };
    const { rerender } = render(Comparison, { props: { figures: [...FIGURES, guest] } });
    const table = screen.getByRole('table', { name: /side by side/ });
    const heading = (name: string) =>
      within(table).getByRole('columnheader', {
        name: new RegExp(`^${name.replace(/[()]/g, '\\$&')}`),
      });
    expect(heading('One thread (guest mode)')).not.toHaveTextContent('not measured');
    expect(heading('One thread (polling)')).toHaveTextContent(/not measured$/);
    expect(heading('Dedicated loop')).not.toHaveTextContent('not measured');
    expect(cell(table, /Idle wake-ups/, 'One thread (guest mode)')).toHaveTextContent('(best)');
    expect(cell(table, /Delivery latency, p50/, 'One thread (guest mode)')).toHaveTextContent(
      /^★\s*0\.3 ms\s*\(best\)$/,
    );
    expect(screen.getByRole('link', { name: 'One thread (polling)' })).toHaveAttribute(
      'href',
      '#one-thread',
    );
    await rerender({
      figures: [
        ...FIGURES,
        guest,
        { ...guest, strategy: 'one-thread-polling', idleWakeupsPerSecond: 50, deliveryP50: 9 },
      ],
    });
    expect(heading('One thread (polling)')).not.toHaveTextContent('not measured');
    expect(cell(table, /Idle wake-ups/, 'One thread (polling)')).toHaveTextContent(/^50\/s$/);
  });

  it('updates when the figures change', async () => {
    const { rerender } = render(Comparison, { props: { figures: FIGURES } });
    const faster = FIGURES.map((f) =>
      f.strategy === 'dedicated' ? { ...f, longestStall: 0, runs: 1 } : f,
    );
    await rerender({ figures: faster });
    const table = screen.getByRole('table', { name: /side by side/ });
    expect(cell(table, /Longest Tk-thread stall/, 'Dedicated loop')).toHaveTextContent('(best)');
    expect(cell(table, /Longest Tk-thread stall/, 'Queue + polling')).not.toHaveTextContent('best');
    expect(screen.queryByRole('link', { name: 'Dedicated loop' })).toBeNull();
  });
});

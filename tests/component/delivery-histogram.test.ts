import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import DeliveryHistogram from '../../src/panels/queue/DeliveryHistogram.svelte';
import { histogram } from '../../src/panels/queue/delivery-stats';

describe('DeliveryHistogram', () => {
  it('marks the part beyond P with how many deliveries fell there, and says why', () => {
    const values = [10, 120, 240, 252, 261];
    const { container } = render(DeliveryHistogram, {
      histogram: histogram(values, 250),
      pollMs: 250,
      delivery: { count: 5, p50: 240, p95: 261, max: 261 },
    });
    expect(container.querySelector('svg .beyond-label')).toHaveTextContent('2 above P');
    const why = screen.getByTestId('queue-over-p');
    expect(why).toHaveTextContent('2 of these 5 took longer than P');
    expect(why).toHaveTextContent('up to 261 ms');
    expect(why).toHaveTextContent(/tick itself fires a little after P/);
    expect(why).toHaveTextContent(/then the window's next redraw shows the result/);
  });

  it('says none went over P when none did', () => {
    render(DeliveryHistogram, {
      histogram: histogram([10, 20], 250),
      pollMs: 250,
      delivery: { count: 2, p50: 10, p95: 20, max: 20 },
    });
    expect(screen.getByTestId('queue-over-p')).toHaveTextContent('None took longer than P.');
  });

  it('draws no "above P" mark before anything was measured, and names its samples', () => {
    const { container } = render(DeliveryHistogram, {
      histogram: histogram([], 50),
      pollMs: 50,
      delivery: null,
      noun: ['click', 'clicks'],
    });
    expect(container.querySelector('svg .beyond-label')).toBeNull();
    expect(container.querySelector('figcaption')).toHaveTextContent('No clicks yet at P = 50 ms');
  });
});

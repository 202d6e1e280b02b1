import { render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import AnnouncerRegion from '../../src/ui/Announcer.svelte';
import { Announcer } from '../../src/ui/announcer.svelte';

describe('the live region', () => {
  it('is one polite status region that says each message', () => {
    const announcer = new Announcer();
    render(AnnouncerRegion, { props: { announcer } });
    const region = screen.getByTestId('announcer');
    expect(region).toHaveAttribute('aria-live', 'polite');
    announcer.say('Main thread was blocked for 1,204 ms.');
    flushSync();
    expect(region).toHaveTextContent('Main thread was blocked for 1,204 ms.');
  });

  it('renders a repeated message as a new node, so it is heard again', () => {
    const announcer = new Announcer();
    render(AnnouncerRegion, { props: { announcer } });
    const region = screen.getByTestId('announcer');
    announcer.say('Main thread was blocked for 100 ms.');
    flushSync();
    const first = region.firstElementChild;
    announcer.say('Main thread was blocked for 100 ms.');
    flushSync();
    expect(region.firstElementChild).not.toBe(first);
    expect(region).toHaveTextContent('Main thread was blocked for 100 ms.');
  });
});

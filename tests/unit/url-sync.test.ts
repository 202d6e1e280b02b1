import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_STATE, panelShare, parseUrlState, type UrlState } from '../../src/share/url-state';
import { UrlSync } from '../../src/share/url-sync';

/** A history whose replaceState moves a fake location, as the browser's does. */
function fakeEnv(href: string) {
  const location = { href };
  const history = {
    state: { kept: true },
    replaceState: vi.fn((_data: unknown, _unused: string, url?: string | URL | null) => {
      if (url) location.href = String(url);
    }),
    pushState: vi.fn(),
  };
  return { location, history };
}

function syncFor(href: string) {
  const env = fakeEnv(href);
  const loaded: UrlState = parseUrlState(new URL(href).search).state;
  return { env, sync: new UrlSync(loaded, env) };
}

const form = (kind: string, duration: string, rate = '100') => ({
  kind,
  duration,
  rate,
  valid: true,
});

describe('UrlSync', () => {
  it('records what the page loaded with and writes nothing for it', () => {
    const { env, sync } = syncFor('https://example.org/tl/?panel=queue&poll=250');
    sync.panel('blocking', panelShare('blocking', form('wait', '1000')));
    sync.panel('queue', panelShare('queue', form('wait', '1000'), { poll: '250', tasks: '1' }));
    sync.theme('auto');
    expect(env.history.replaceState).not.toHaveBeenCalled();
  });

  it("writes the changed panel's configuration with replaceState, never pushState", () => {
    const { env, sync } = syncFor('https://example.org/tl/?panel=queue&poll=250#top');
    sync.panel('blocking', panelShare('blocking', form('wait', '1000')));
    sync.panel('blocking', panelShare('blocking', form('cpu', '500')));
    expect(env.history.pushState).not.toHaveBeenCalled();
    expect(env.history.replaceState).toHaveBeenCalledTimes(1);
    expect(env.history.replaceState).toHaveBeenCalledWith(
      { kept: true },
      '',
      'https://example.org/tl/?panel=blocking&kind=cpu&duration=500#top',
    );
  });

  it('writes only the panel that changed, with all of its valid values', () => {
    const { env, sync } = syncFor('https://example.org/');
    const queueFields = { poll: '100', tasks: '1' };
    sync.panel('blocking', panelShare('blocking', form('wait', '1000')));
    sync.panel('queue', panelShare('queue', form('wait', '1000'), queueFields));
    sync.panel('queue', panelShare('queue', form('wait', '1000'), { ...queueFields, poll: '40' }));
    expect(env.location.href).toBe('https://example.org/?panel=queue&poll=40');
    sync.panel(
      'queue',
      panelShare('queue', form('stream', '2000', '50'), { poll: '40', tasks: '3' }),
    );
    expect(env.location.href).toBe(
      'https://example.org/?panel=queue&kind=stream&duration=2000&poll=40&tasks=3&rate=50',
    );
    // Blocking did not change: its effect re-running with the same values writes nothing.
    sync.panel('blocking', panelShare('blocking', form('wait', '1000')));
    expect(env.location.href).toContain('panel=queue');
  });

  it('writes nothing while a field is invalid, and the whole panel once it is valid again', () => {
    const { env, sync } = syncFor('https://example.org/');
    sync.panel('dedicated', panelShare('dedicated', form('wait', '1000'), { tasks: '1' }));
    sync.panel('dedicated', panelShare('dedicated', form('wait', '10'), { tasks: '1' }));
    expect(env.history.replaceState).toHaveBeenCalledTimes(1);
    expect(panelShare('dedicated', form('wait', '10'), { tasks: '9999' })).toBeNull();
    sync.panel('dedicated', panelShare('dedicated', form('wait', '10'), { tasks: '9999' }));
    sync.panel('dedicated', panelShare('dedicated', form('wait', '1e3'), { tasks: '5' }));
    sync.panel('dedicated', panelShare('dedicated', { ...form('wait', '20'), valid: false }));
    expect(env.history.replaceState).toHaveBeenCalledTimes(1);
    sync.panel('dedicated', panelShare('dedicated', form('wait', '20'), { tasks: '5' }));
    expect(env.history.replaceState).toHaveBeenCalledTimes(2);
    expect(env.location.href).toBe('https://example.org/?panel=dedicated&duration=20&tasks=5');
  });

  it('leaves out a bad rate when the kind does not use it', () => {
    const share = panelShare('blocking', form('wait', '300', 'lots'));
    expect(share).toEqual({ panel: 'blocking', kind: 'wait', duration: 300 });
  });

  it('keeps embed and theme as loaded, and parameters it does not own', () => {
    const { env, sync } = syncFor('https://example.org/?utm_source=blog&embed=1&theme=dark');
    sync.panel('queue', panelShare('queue', form('wait', '1000'), { poll: '100', tasks: '1' }));
    sync.panel('queue', panelShare('queue', form('cpu', '1000'), { poll: '100', tasks: '1' }));
    expect(env.location.href).toBe(
      'https://example.org/?panel=queue&kind=cpu&embed=1&theme=dark&utm_source=blog',
    );
  });

  it('writes the theme into the current address, and drops it again for auto', () => {
    const { env, sync } = syncFor('https://example.org/?panel=queue&poll=250');
    sync.theme('auto');
    sync.theme('dark');
    expect(env.location.href).toBe('https://example.org/?panel=queue&poll=250&theme=dark');
    sync.panel('queue', panelShare('queue', form('wait', '1000'), { poll: '250', tasks: '1' }));
    sync.panel('queue', panelShare('queue', form('wait', '1000'), { poll: '300', tasks: '1' }));
    expect(env.location.href).toBe('https://example.org/?panel=queue&poll=300&theme=dark');
    sync.theme('auto');
    expect(env.location.href).toBe('https://example.org/?panel=queue&poll=300');
  });

  it('does not call replaceState when the address would not change', () => {
    const { env, sync } = syncFor('https://example.org/?panel=blocking&duration=500');
    sync.panel('blocking', panelShare('blocking', form('wait', '1000')));
    sync.panel('blocking', panelShare('blocking', form('wait', '500')));
    expect(env.history.replaceState).not.toHaveBeenCalled();
  });

  it('round-trips: what it writes parses back to the same panel state', () => {
    const { env, sync } = syncFor('https://example.org/');
    sync.panel('queue', null);
    sync.panel(
      'queue',
      panelShare('queue', form('stream', '700', '40'), { poll: '7', tasks: '9' }),
    );
    const { state, refused } = parseUrlState(new URL(env.location.href).search);
    expect(refused).toEqual([]);
    expect(state).toEqual({
      ...DEFAULT_STATE,
      panel: 'queue',
      kind: 'stream',
      duration: 700,
      rate: 40,
      poll: 7,
      tasks: 9,
    });
  });

  it("writes the one-thread panel's P even when it equals the Queue default, with its dialog", () => {
    const { env, sync } = syncFor('https://example.org/');
    sync.panel('one-thread', null);
    sync.panel(
      'one-thread',
      panelShare('one-thread', form('cpu', '500'), {
        poll: '100',
        dialog: '3000',
      }),
    );
    expect(env.location.href).toBe(
      'https://example.org/?panel=one-thread&kind=cpu&duration=500&poll=100&dialog=3000',
    );
    const { state } = parseUrlState(new URL(env.location.href).search);
    expect(state).toMatchObject({ panel: 'one-thread', poll: 100, dialog: 3000 });
  });

  it('writes guest mode into the one-thread link, and leaves polling (the default) out', () => {
    const { env, sync } = syncFor('https://example.org/?utm=x');
    const share = panelShare('one-thread', form('wait', '1000'), { poll: '20', dialog: '1500' });
    sync.panel('one-thread', share && { ...share, mode: 'polling' });
    sync.panel('one-thread', share && { ...share, mode: 'guest' });
    expect(env.location.href).toBe(
      'https://example.org/?panel=one-thread&poll=20&mode=guest&utm=x',
    );
    expect(parseUrlState(new URL(env.location.href).search).state.mode).toBe('guest');
    sync.panel('one-thread', share && { ...share, mode: 'polling' });
    expect(env.location.href).toBe('https://example.org/?panel=one-thread&poll=20&utm=x');
  });
});

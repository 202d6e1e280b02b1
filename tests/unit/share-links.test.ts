// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { connectToHost, isHello, themeFromHost } from '../../src/app/embed';
import { parseUrlState } from '../../src/share/url-state';
import { embedSnippet, HOST_SCRIPT, shareLink } from '../../src/share/links';

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

describe('shareLink', () => {
  it("is the page's own address with the panel's configuration, and nothing else", () => {
    const link = shareLink(
      { panel: 'queue', kind: 'wait', duration: 1000, poll: 250, tasks: 1, rate: 100 },
      'https://example.org/tutorials/two-loops/?panel=blocking&theme=dark&x=1#panels',
    );
    expect(link).toBe('https://example.org/tutorials/two-loops/?panel=queue&poll=250');
    expect(parseUrlState(new URL(link).search).state).toMatchObject({ panel: 'queue', poll: 250 });
  });

  it('points a frame at the embed folder beside the page, with embed=1', () => {
    expect(shareLink({ panel: 'dedicated', tasks: 8 }, 'http://127.0.0.1:4173/', true)).toBe(
      'http://127.0.0.1:4173/panel/?panel=dedicated&tasks=8&embed=1',
    );
    expect(
      shareLink(
        { panel: 'queue' },
        'https://example.org/two-loops/index.html?panel=blocking',
        true,
      ),
    ).toBe('https://example.org/two-loops/panel/?panel=queue&embed=1');
  });

  it('links to folders, never to a file a clean-URL server would redirect without the query', () => {
    // serve answers /two-loops/index.html?… with 301 /two-loops/index, and the query is gone.
    const page = 'https://example.org/two-loops/index.html?panel=blocking';
    for (const link of [
      shareLink({ panel: 'queue' }, page),
      shareLink({ panel: 'queue' }, page, true),
    ]) {
      const { pathname, search } = new URL(link);
      expect(pathname).toMatch(/\/$/);
      expect(search).toContain('panel=queue');
    }
    expect(shareLink({ panel: 'queue' }, page)).toBe('https://example.org/two-loops/?panel=queue');
  });
});

describe('embedSnippet', () => {
  const snippet = embedSnippet(
    { panel: 'queue', kind: 'cpu', duration: 500, poll: 250 },
    'Queue + polling',
    'https://example.org/two-loops/index.html?panel=blocking',
  );

  it('is an iframe with a title, lazy loading and the configured, escaped source', () => {
    const frame = new DOMParser()
      .parseFromString(snippet, 'text/html')
      .querySelector('iframe') as HTMLIFrameElement;
    expect(frame.getAttribute('src')).toBe(
      'https://example.org/two-loops/panel/?panel=queue&kind=cpu&duration=500&poll=250&embed=1',
    );
    expect(snippet).toContain('panel=queue&amp;kind=cpu');
    expect(frame.title).toBe('Two Loops: Queue + polling');
    expect(frame.getAttribute('loading')).toBe('lazy');
    expect(frame.getAttribute('width')).toBe('100%');
    expect(Number(frame.getAttribute('height'))).toBeGreaterThan(0);
    expect(frame.getAttribute('style')).toBe('border:0');
    expect(frame.className).toBe('two-loops');
  });

  it('carries the auto-height script, the same as the example host page', () => {
    expect(snippet).toContain(HOST_SCRIPT);
    // It asks frames that reported before it ran for their height.
    expect(HOST_SCRIPT).toContain("postMessage({ type: 'two-loops:hello' }, '*')");
    const body = HOST_SCRIPT.replace(/<\/?script>/g, '');
    expect(squash(readFileSync('examples/host.html', 'utf8'))).toContain(squash(body));
  });
});

describe('themeFromHost', () => {
  it('accepts exactly the documented shape', () => {
    expect(themeFromHost({ type: 'two-loops:theme', theme: 'dark' })).toBe('dark');
    expect(themeFromHost({ type: 'two-loops:theme', theme: 'auto', extra: 1 })).toBe('auto');
  });

  it.each([
    null,
    undefined,
    'two-loops:theme',
    42,
    [],
    { type: 'two-loops:theme' },
    { type: 'two-loops:theme', theme: 'blue' },
    { type: 'two-loops:theme', theme: ['dark'] },
    { type: 'two-loops:resize', height: 10 },
    { type: 'TWO-LOOPS:THEME', theme: 'dark' },
    { theme: 'dark' },
  ])('refuses %j', (data) => {
    expect(themeFromHost(data)).toBeNull();
  });
});

describe('isHello', () => {
  it('accepts the documented request for the height, and nothing else', () => {
    expect(isHello({ type: 'two-loops:hello' })).toBe(true);
    for (const data of [null, 'two-loops:hello', { type: 'two-loops:HELLO' }, { hello: 1 }, []])
      expect(isHello(data)).toBe(false);
  });
});

describe('connectToHost', () => {
  class FakeObserver {
    static last: FakeObserver | null = null;
    constructor(readonly callback: () => void) {
      FakeObserver.last = this;
    }
    observe() {
      this.callback();
    }
    disconnect() {}
  }

  function framed(height: { value: number }) {
    const parent = { postMessage: vi.fn() };
    const listeners = new Set<(event: MessageEvent) => void>();
    const win = {
      parent,
      document,
      addEventListener: (_: string, fn: (event: MessageEvent) => void) => listeners.add(fn),
      removeEventListener: (_: string, fn: (event: MessageEvent) => void) => listeners.delete(fn),
    };
    const content = { getBoundingClientRect: () => ({ height: height.value }) };
    const send = (data: unknown, source: unknown = parent) => {
      for (const fn of listeners) fn({ data, source } as MessageEvent);
    };
    return { parent, win, content, send, listeners };
  }

  it('reports the height unasked only when it changes, and only the height', () => {
    vi.stubGlobal('ResizeObserver', FakeObserver);
    const height = { value: 640.2 };
    const { parent, win, content } = framed(height);
    const link = connectToHost(win as unknown as Window, content as unknown as Element, () => {});
    expect(parent.postMessage).toHaveBeenLastCalledWith(
      { type: 'two-loops:resize', height: 641 },
      '*',
    );
    FakeObserver.last?.callback();
    expect(parent.postMessage).toHaveBeenCalledTimes(1);
    height.value = 700;
    FakeObserver.last?.callback();
    expect(parent.postMessage).toHaveBeenCalledTimes(2);
    expect(parent.postMessage).toHaveBeenLastCalledWith(
      { type: 'two-loops:resize', height: 700 },
      '*',
    );
    link.close();
    vi.unstubAllGlobals();
  });

  it('answers a hello from its host with the height, even when it did not change', () => {
    vi.stubGlobal('ResizeObserver', FakeObserver);
    const height = { value: 2056 };
    const { parent, win, content, send } = framed(height);
    const link = connectToHost(win as unknown as Window, content as unknown as Element, () => {});
    expect(parent.postMessage).toHaveBeenCalledTimes(1);
    // A sizing script that attached after the first report asks, and is told the same height.
    send({ type: 'two-loops:hello' });
    expect(parent.postMessage).toHaveBeenCalledTimes(2);
    expect(parent.postMessage).toHaveBeenLastCalledWith(
      { type: 'two-loops:resize', height: 2056 },
      '*',
    );
    // Only its parent may ask.
    send({ type: 'two-loops:hello' }, {});
    expect(parent.postMessage).toHaveBeenCalledTimes(2);
    expect(link.ignored).toBe(1);
    link.close();
    vi.unstubAllGlobals();
  });

  it('handles in order what arrived before it was connected, and takes over the first listener', () => {
    vi.stubGlobal('ResizeObserver', FakeObserver);
    const { parent, win, content } = framed({ value: 300 });
    const early = [
      { data: { type: 'two-loops:theme', theme: 'light' }, source: parent },
      { data: { type: 'two-loops:theme', theme: 'dark' }, source: parent },
      { data: { type: 'two-loops:theme', theme: 'dark' }, source: null },
    ] as unknown as MessageEvent[];
    const held = win as unknown as { onmessage: unknown };
    held.onmessage = () => {};
    const setTheme = vi.fn();
    const link = connectToHost(
      win as unknown as Window,
      content as unknown as Element,
      setTheme,
      early,
    );
    expect(setTheme.mock.calls).toEqual([['light'], ['dark']]);
    expect(link.ignored).toBe(1);
    expect(early).toEqual([]);
    expect(held.onmessage).toBeNull();
    link.close();
    vi.unstubAllGlobals();
  });

  it('applies a theme from its host, and counts and ignores everything else', () => {
    vi.stubGlobal('ResizeObserver', FakeObserver);
    const { win, content, send, listeners } = framed({ value: 100 });
    const setTheme = vi.fn();
    const link = connectToHost(win as unknown as Window, content as unknown as Element, setTheme);
    send({ type: 'two-loops:theme', theme: 'dark' });
    send({ type: 'two-loops:theme', theme: 'dark' }, {});
    send({ type: 'two-loops:theme', theme: '<img src=x onerror=alert(1)>' });
    send('hello');
    expect(setTheme.mock.calls).toEqual([['dark']]);
    expect(link.ignored).toBe(3);
    expect(document.documentElement.dataset.hostMessagesIgnored).toBe('3');
    link.close();
    expect(listeners.size).toBe(0);
    vi.unstubAllGlobals();
  });

  it('does nothing in a top-level page', () => {
    const win = { addEventListener: vi.fn() } as unknown as Window & { parent: unknown };
    win.parent = win;
    const link = connectToHost(win, document.body, () => {});
    expect(win.addEventListener).not.toHaveBeenCalled();
    link.close();
  });
});

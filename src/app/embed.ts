import { THEMES, type Theme } from '../ui/theme';

/** What an embedded page sends its host: its content height, and nothing else. */
export interface ResizeMessage {
  type: 'two-loops:resize';
  height: number;
}

/** One of the two messages an embedded page accepts from its host: a theme to use. */
export interface ThemeMessage {
  type: 'two-loops:theme';
  theme: Theme;
}

/**
 * The other: a host asking for the height (a sizing script that starts after the frame has
 * reported it). Answered with a ResizeMessage, even when the height has not changed.
 */
export interface HelloMessage {
  type: 'two-loops:hello';
}

/**
 * What the host sent before the app was ready to hear it, in order: main.ts keeps it with the
 * page's first listener (`onmessage`), which connectToHost removes. It is held only until the
 * app's host link loads (a moment after the first paint), or fails to.
 */
export type EarlyMessages = MessageEvent[];

/** The theme a host message asks for, or null when the message is anything but a ThemeMessage. */
export function themeFromHost(data: unknown): Theme | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, theme } = data as Record<string, unknown>;
  if (type !== 'two-loops:theme' || typeof theme !== 'string') return null;
  return THEMES.find((t) => t === theme) ?? null;
}

/** Whether a host message is a HelloMessage. */
export function isHello(data: unknown): data is HelloMessage {
  return (
    typeof data === 'object' && data !== null && (data as HelloMessage).type === 'two-loops:hello'
  );
}

export interface HostLink {
  /** Messages received and ignored: not from the host, or not of the accepted shape. */
  readonly ignored: number;
  close(): void;
}

/**
 * Talks to the page that embeds this one: reports the height of `content` (CSS px, whole) whenever
 * it changes, and whenever the host asks (HelloMessage), so the host can size its frame without
 * scrollbars; applies a theme the host asks for. Takes over from main.ts's first listener, and
 * handles what it kept (`early`) first. Anything else, or anything not from the parent, is counted
 * and dropped; no message can reach the page's state another way.
 */
export function connectToHost(
  win: Window,
  content: Element,
  setTheme: (theme: Theme) => void,
  early?: EarlyMessages,
): HostLink {
  win.onmessage = null;
  let ignored = 0;
  if (win.parent === win) return { ignored, close: () => {} };
  let reported = -1;
  const report = (asked = false) => {
    const height = Math.ceil(content.getBoundingClientRect().height);
    if (height === reported && !asked) return;
    reported = height;
    const message: ResizeMessage = { type: 'two-loops:resize', height };
    // '*': the page cannot know who embeds it, and a height is all it tells them.
    win.parent.postMessage(message, '*');
  };
  const observer = new ResizeObserver(() => report());
  observer.observe(content);
  const onMessage = (event: MessageEvent) => {
    const data: unknown = event.source === win.parent ? event.data : null;
    if (isHello(data)) return report(true);
    const theme = themeFromHost(data);
    if (theme) return setTheme(theme);
    ignored++;
    // Visible in DevTools (and to the tests): a host author can see their message was dropped.
    win.document.documentElement.dataset.hostMessagesIgnored = String(ignored);
  };
  win.addEventListener('message', onMessage);
  for (const event of early?.splice(0) ?? []) onMessage(event);
  return {
    get ignored() {
      return ignored;
    },
    close() {
      observer.disconnect();
      win.removeEventListener('message', onMessage);
    },
  };
}

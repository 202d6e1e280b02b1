import { THEMES, type Theme } from '../ui/theme';

/** What an embedded page sends its host: its content height, and nothing else. */
export interface ResizeMessage {
  type: 'two-loops:resize';
  height: number;
}

/** The one message an embedded page accepts from its host. */
export interface ThemeMessage {
  type: 'two-loops:theme';
  theme: Theme;
}

/** The theme a host message asks for, or null when the message is anything but a ThemeMessage. */
export function themeFromHost(data: unknown): Theme | null {
  if (typeof data !== 'object' || data === null) return null;
  const { type, theme } = data as Record<string, unknown>;
  if (type !== 'two-loops:theme' || typeof theme !== 'string') return null;
  return THEMES.find((t) => t === theme) ?? null;
}

export interface HostLink {
  /** Messages received and ignored: not from the host, or not of the accepted shape. */
  readonly ignored: number;
  close(): void;
}

/**
 * Talks to the page that embeds this one: reports the height of `content` whenever it changes, so
 * the host can size its frame without scrollbars, and applies a theme the host asks for. Anything
 * else that arrives is counted and dropped; no message can reach the page's state another way.
 */
export function connectToHost(
  win: Window,
  content: Element,
  setTheme: (theme: Theme) => void,
): HostLink {
  let ignored = 0;
  if (win.parent === win) return { ignored, close: () => {} };
  let reported = -1;
  const report = () => {
    const height = Math.ceil(content.getBoundingClientRect().height);
    if (height === reported) return;
    reported = height;
    const message: ResizeMessage = { type: 'two-loops:resize', height };
    // '*': the page cannot know who embeds it, and a height is all it tells them.
    win.parent.postMessage(message, '*');
  };
  const observer = new ResizeObserver(report);
  observer.observe(content);
  const onMessage = (event: MessageEvent) => {
    const theme = event.source === win.parent ? themeFromHost(event.data) : null;
    if (theme) return setTheme(theme);
    ignored++;
    // Visible in DevTools (and to the tests): a host author can see their message was dropped.
    win.document.documentElement.dataset.hostMessagesIgnored = String(ignored);
  };
  win.addEventListener('message', onMessage);
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

import {
  checkKind,
  checkNumber,
  NUMERIC_PARAMS,
  ONE_THREAD_MODES,
  PANEL_IDS,
  type NumericParamName,
  type OneThreadMode,
  type PanelId,
  type TaskKind,
} from '../tasks/params';
import { THEMES, type Theme } from '../ui/theme';
import { ALL_PARTS, PARTS, type Part } from '../ui/parts';

type UrlNumeric = Exclude<NumericParamName, 'chunk'>;

/** The page's shareable state: the URL contract every shared link and embed relies on. */
export interface UrlState {
  /** One panel to show (or scroll to); null shows them all. */
  panel: PanelId | null;
  kind: TaskKind;
  duration: number;
  poll: number;
  tasks: number;
  rate: number;
  /** How long the one-thread panel's modal dialog stays open (ms). */
  dialog: number;
  /** How the one-thread panel joins the loops: asyncio drains Tk (`polling`) or Trio's guest mode. */
  mode: OneThreadMode;
  embed: boolean;
  theme: Theme;
  /**
   * The panel parts to open from the start, in the address as a comma-separated list
   * (`show=python,recording`, or `show=all`). An embed starts with every part closed, the full
   * page with every part open; `show` only ever opens.
   */
  show: readonly Part[];
}

export interface Refusal {
  name: string;
  /** The value as given, shortened for display; always rendered as text. */
  value: string;
  reason: string;
}

export const DEFAULT_STATE: UrlState = {
  panel: null,
  kind: 'wait',
  duration: NUMERIC_PARAMS.duration.default,
  poll: NUMERIC_PARAMS.poll.default,
  tasks: NUMERIC_PARAMS.tasks.default,
  rate: NUMERIC_PARAMS.rate.default,
  dialog: NUMERIC_PARAMS.dialog.default,
  mode: 'polling',
  embed: false,
  theme: 'auto',
  show: [],
};

/** The numeric parameters the address carries (the chunk field is the panel's alone). */
const NUMERIC: readonly UrlNumeric[] = ['duration', 'poll', 'tasks', 'rate', 'dialog'];
const KNOWN = new Set(['panel', 'kind', 'embed', 'theme', 'mode', 'show', ...NUMERIC]);

/** Whether the page owns a query parameter (others, a host's tracking tag say, are left alone). */
export const isKnownParam = (name: string): boolean => KNOWN.has(name);

/** One panel's part of the URL state: what its link and its embed snippet reproduce. */
export type PanelShare = { panel: PanelId } & Partial<
  Pick<UrlState, 'kind' | 'duration' | 'rate' | 'poll' | 'tasks' | 'dialog' | 'mode'>
>;

/**
 * A panel's shareable configuration from its raw form fields, or null while a field the panel
 * uses is refused. The rate only matters to streams, so a bad rate beside another kind is left out
 * rather than blocking the link.
 */
export function panelShare(
  panel: PanelId,
  form: { kind: string; duration: string; rate: string; valid: boolean },
  extra: Partial<Record<'poll' | 'tasks' | 'dialog', string>> = {},
): PanelShare | null {
  const kind = checkKind(form.kind);
  const duration = checkNumber('duration', form.duration);
  if (!form.valid || !kind.ok || !duration.ok) return null;
  const share: PanelShare = { panel, kind: kind.value, duration: duration.value };
  const rate = checkNumber('rate', form.rate);
  if (rate.ok) share.rate = rate.value;
  for (const name of ['poll', 'tasks', 'dialog'] as const) {
    const raw = extra[name];
    if (raw === undefined) continue;
    const checked = checkNumber(name, raw);
    if (!checked.ok) return null;
    share[name] = checked.value;
  }
  return share;
}

function oneOf<T extends string>(options: readonly T[], raw: string): T | undefined {
  return options.find((o) => o === raw);
}

/**
 * Reads the page's state from a query string. Every value is parsed as data; a value that does not
 * parse is refused, named in the result, and its default used instead. Parameters the page does not
 * know (a tracking tag, say) are left alone.
 */
/** The address, read: the state to start from and what was refused on the way. */
export interface ParsedUrl {
  state: UrlState;
  refused: Refusal[];
}

export function parseUrlState(search: string): ParsedUrl {
  const state: UrlState = { ...DEFAULT_STATE };
  const refused: Refusal[] = [];
  const seen = new Set<string>();
  const refuse = (name: string, value: string, reason: string) =>
    refused.push({ name, value: shorten(value), reason });

  for (const [name, value] of new URLSearchParams(search)) {
    if (!KNOWN.has(name)) continue;
    if (seen.has(name)) {
      refuse(name, value, `${name} was given more than once; the first value is used.`);
      continue;
    }
    seen.add(name);
    switch (name) {
      case 'panel': {
        const panel = oneOf(PANEL_IDS, value);
        if (panel) state.panel = panel;
        else refuse(name, value, `panel must be one of ${PANEL_IDS.join(', ')}.`);
        break;
      }
      case 'kind': {
        const kind = checkKind(value);
        if (kind.ok) state.kind = kind.value;
        else refuse(name, value, kind.message);
        break;
      }
      case 'embed':
        if (value === '1' || value === 'true') state.embed = true;
        else if (value === '0' || value === 'false') state.embed = false;
        else refuse(name, value, 'embed must be 1 or 0.');
        break;
      case 'mode': {
        const mode = oneOf(ONE_THREAD_MODES, value);
        if (mode) state.mode = mode;
        else refuse(name, value, `mode must be one of ${ONE_THREAD_MODES.join(', ')}.`);
        break;
      }
      case 'show': {
        const show = parseShow(value);
        if (show) state.show = show;
        else
          refuse(
            name,
            value,
            `show must list one or more of ${PARTS.join(', ')}, separated by commas, or be ${ALL_PARTS}.`,
          );
        break;
      }
      case 'theme': {
        const theme = oneOf(THEMES, value);
        if (theme) state.theme = theme;
        else refuse(name, value, `theme must be one of ${THEMES.join(', ')}.`);
        break;
      }
      default: {
        const param = name as UrlNumeric;
        const checked = checkNumber(param, value);
        if (checked.ok) state[param] = checked.value;
        else refuse(name, value, checked.message);
      }
    }
  }
  return { state, refused };
}

/**
 * The parts a `show` value names, in the order of PARTS and each once, or null when the value is
 * empty or names anything else (the whole value is then refused, like any other bad value).
 */
export function parseShow(value: string): Part[] | null {
  if (value === ALL_PARTS) return [...PARTS];
  const names = value.split(',');
  if (!names.every((name) => PARTS.some((part) => part === name))) return null;
  return PARTS.filter((part) => names.includes(part));
}

function shorten(value: string): string {
  const chars = Array.from(value);
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : value;
}

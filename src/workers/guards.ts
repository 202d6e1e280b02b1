import type {
  ExecutorDone,
  GuestToPage,
  LoopToPage,
  MonitorToPage,
  PageToGuest,
  PageToLoop,
} from './protocol';
import { TASK_KINDS } from '../tasks/params';

/**
 * Runtime checks at each thread boundary. `event.data` is whatever the other side sent; these turn
 * it into a typed message or into null, and the caller counts and reports the rejects.
 */

type FieldKind = 'number' | 'string' | 'boolean' | 'float64array' | 'number[]';
type Shape = Record<string, FieldKind>;

function isField(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'float64array':
      return value instanceof Float64Array;
    case 'number[]':
      return (
        Array.isArray(value) && value.every((v) => typeof v === 'number' && Number.isFinite(v))
      );
    default:
      return typeof value === kind;
  }
}

/** A shape as two parallel lists, for a check that runs on every message without allocating. */
interface Fields {
  keys: readonly string[];
  kinds: readonly FieldKind[];
}

function fieldsOf(shape: Shape): Fields {
  return { keys: Object.keys(shape), kinds: Object.values(shape) };
}

function hasFields(value: unknown, { keys, kinds }: Fields): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  // An indexed loop: this runs for every message a worker sends, thousands a second in a stream.
  for (let i = 0; i < keys.length; i++)
    if (!isField(record[keys[i] as string], kinds[i] as FieldKind)) return false;
  return true;
}

/** The fields each message must have beyond `type`, per direction. */
const MONITOR_TO_PAGE: Record<MonitorToPage['type'], Shape> = {
  ready: {},
  'stall-drawn': { stall: 'number', gap: 'number', frames: 'number' },
};

const LOOP_TO_PAGE: Record<LoopToPage['type'], Shape> = {
  started: { id: 'number', at: 'number' },
  progress: {
    id: 'number',
    first: 'number',
    values: 'float64array',
    total: 'number',
    at: 'number',
  },
  result: { id: 'number', value: 'number', sent: 'number', readyAt: 'number' },
  failed: { id: 'number', message: 'string', readyAt: 'number' },
  cancelled: { id: 'number', at: 'number' },
  stopped: { cancelled: 'number[]', at: 'number' },
  'dom-attempt': { error: 'string' },
};

function checker<M extends { type: string }>(shapes: Record<M['type'], Shape>) {
  // A Map, so that a `type` such as "__proto__" or "toString" finds nothing.
  const fields = new Map<string, Fields>(
    Object.entries<Shape>(shapes).map(([type, shape]) => [type, fieldsOf(shape)]),
  );
  return (data: unknown): M | null => {
    if (typeof data !== 'object' || data === null) return null;
    const type = (data as { type?: unknown }).type;
    const shape = typeof type === 'string' ? fields.get(type) : undefined;
    return shape && hasFields(data, shape) ? (data as M) : null;
  };
}

/** What one post held: the messages that passed the check, and how many did not. */
export interface CheckedPost<M> {
  messages: M[];
  malformed: number;
}

/**
 * Checks a whole post, message by message: a bad message is dropped and counted without taking
 * its good neighbours with it. Anything that is not a list at all counts as one bad message.
 */
function postChecker<M>(check: (data: unknown) => M | null) {
  return (data: unknown): CheckedPost<M> => {
    if (!Array.isArray(data)) return { messages: [], malformed: 1 };
    const messages: M[] = [];
    for (const item of data as unknown[]) {
      const message = check(item);
      if (message) messages.push(message);
    }
    return { messages, malformed: data.length - messages.length };
  };
}

export const asMonitorMessage = checker<MonitorToPage>(MONITOR_TO_PAGE);
export const asLoopMessage = checker<LoopToPage>(LOOP_TO_PAGE);
/** A loop worker's post (a LoopToPagePost), checked message by message. */
export const checkLoopPost = postChecker(asLoopMessage);

const EXECUTOR_TO_LOOP: Record<ExecutorDone['type'], Shape> = {
  done: { id: 'number', value: 'number' },
};
export const asExecutorMessage = checker<ExecutorDone>(EXECUTOR_TO_LOOP);

const PAGE_TO_LOOP: Record<PageToLoop['type'], Shape> = {
  run: { id: 'number', executor: 'boolean', raise: 'boolean' },
  cancel: { id: 'number' },
  stop: {},
  'touch-dom': {},
  crash: {},
};
const pageToLoop = checker<PageToLoop>(PAGE_TO_LOOP);
const TASK_FIELDS = fieldsOf({ kind: 'string', durationMs: 'number', ratePerSecond: 'number' });

/** The worker checks the page's messages too: a task it cannot run is refused, not guessed at. */
export function asLoopCommand(data: unknown): PageToLoop | null {
  const message = pageToLoop(data);
  if (message?.type !== 'run') return message;
  const task: unknown = message.task;
  const valid = hasFields(task, TASK_FIELDS) && TASK_KINDS.some((k) => k === task.kind);
  return valid ? message : null;
}

/** The page's post to a loop worker (a PageToLoopPost), checked command by command. */
export const checkLoopCommands = postChecker(asLoopCommand);

const GUEST_TO_PAGE: Record<GuestToPage['type'], Shape> = {
  ready: { seq: 'number', at: 'number', woken: 'boolean' },
  refused: { message: 'string' },
};
/** The guest-mode helper's answer, or null when it is not one. */
export const asGuestMessage = checker<GuestToPage>(GUEST_TO_PAGE);

const PAGE_TO_GUEST: Record<PageToGuest['type'], Shape> = {
  wait: { seq: 'number', timeoutMs: 'number' },
  wake: { seq: 'number' },
};
/** The helper checks the page's commands too: a wait it cannot read is refused, not guessed at. */
export const asGuestCommand = checker<PageToGuest>(PAGE_TO_GUEST);

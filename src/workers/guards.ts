import type { ExecutorDone, LoopToPage, MonitorToPage, PageToLoop } from './protocol';
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

function hasShape(value: unknown, shape: Shape): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return Object.entries(shape).every(([key, kind]) => isField(record[key], kind));
}

/** The fields each message must have beyond `type`, per direction. */
const MONITOR_TO_PAGE: Record<MonitorToPage['type'], Shape> = {
  ready: {},
  'stall-drawn': { end: 'number', gap: 'number', frames: 'number' },
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
  return (data: unknown): M | null => {
    if (!hasShape(data, { type: 'string' })) return null;
    const shape = (shapes as Record<string, Shape>)[data.type as string];
    if (!shape || !Object.hasOwn(shapes, data.type as string)) return null;
    return hasShape(data, shape) ? (data as unknown as M) : null;
  };
}

export const asMonitorMessage = checker<MonitorToPage>(MONITOR_TO_PAGE);
export const asLoopMessage = checker<LoopToPage>(LOOP_TO_PAGE);

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

/** The worker checks the page's messages too: a task it cannot run is refused, not guessed at. */
export function asLoopCommand(data: unknown): PageToLoop | null {
  const message = pageToLoop(data);
  if (message?.type !== 'run') return message;
  const task: unknown = message.task;
  const valid =
    hasShape(task, { kind: 'string', durationMs: 'number', ratePerSecond: 'number' }) &&
    TASK_KINDS.some((k) => k === task.kind);
  return valid ? message : null;
}

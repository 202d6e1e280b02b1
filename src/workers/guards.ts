import type { MonitorToPage } from './protocol';

/**
 * Runtime checks at each thread boundary. `event.data` is whatever the other side sent; these turn
 * it into a typed message or into null, and the caller counts and reports the rejects.
 */

type Shape = Record<string, 'number' | 'string' | 'boolean'>;

function hasShape(value: unknown, shape: Shape): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  for (const [key, kind] of Object.entries(shape)) {
    const field = record[key];
    if (typeof field !== kind) return false;
    if (kind === 'number' && !Number.isFinite(field)) return false;
  }
  return true;
}

export function asMonitorMessage(data: unknown): MonitorToPage | null {
  if (!hasShape(data, { type: 'string' })) return null;
  switch (data.type) {
    case 'ready':
      return { type: 'ready' };
    case 'stall-drawn':
      return hasShape(data, { end: 'number', gap: 'number', frames: 'number' })
        ? {
            type: 'stall-drawn',
            end: data.end as number,
            gap: data.gap as number,
            frames: data.frames as number,
          }
        : null;
    default:
      return null;
  }
}

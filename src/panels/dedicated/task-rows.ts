import type { TaskKind } from '../../tasks/params';

export type TaskStatus = 'submitted' | 'running' | 'done' | 'failed' | 'cancelled' | 'killed';

export interface TaskRow {
  id: number;
  kind: TaskKind;
  /** Where the work runs: on the loop itself, or handed to the executor worker. */
  where: 'loop' | 'executor';
  raise: boolean;
  status: TaskStatus;
  cancelRequested: boolean;
  /** Stream updates received, and the stream's length once known. */
  received: number;
  total: number;
  /** The result, or why there is none. */
  detail: string;
}

/** Finished rows beyond this are dropped, oldest first; rows still in flight always stay. */
const MAX_ROWS = 100;

export function inFlight(status: TaskStatus): boolean {
  return status === 'submitted' || status === 'running';
}

/**
 * The task list's rows: drafts changed in place as answers arrive, and the rows shown, which are
 * new objects only for the rows that changed since the last commit, so the list re-renders only
 * those.
 */
export class TaskRows {
  readonly #drafts = new Map<number, TaskRow>();
  readonly #shown = new Map<number, TaskRow>();
  readonly #dirty = new Set<number>();

  get(id: number): TaskRow | undefined {
    return this.#drafts.get(id);
  }

  drafts(): IterableIterator<TaskRow> {
    return this.#drafts.values();
  }

  add(row: TaskRow): void {
    this.#drafts.set(row.id, row);
    this.#dirty.add(row.id);
    this.#trim();
  }

  /** Applies `change` to row `id`; returns false when there is no such row (any more). */
  change(id: number, change: (row: TaskRow) => void): boolean {
    const row = this.#drafts.get(id);
    if (!row) return false;
    change(row);
    this.#dirty.add(id);
    return true;
  }

  /**
   * The rows to show, newest first, or null when none changed since the last call. Newest first
   * keeps the task just submitted in view at the top of a list that holds a hundred, and reading
   * or tabbing through it meets the latest tasks first.
   */
  commit(): TaskRow[] | null {
    if (this.#dirty.size === 0) return null;
    const rows: TaskRow[] = [];
    for (const [id, draft] of this.#drafts) {
      let row = this.#shown.get(id);
      if (!row || this.#dirty.has(id)) {
        row = { ...draft };
        this.#shown.set(id, row);
      }
      rows.push(row);
    }
    this.#dirty.clear();
    return rows.reverse();
  }

  #trim(): void {
    if (this.#drafts.size <= MAX_ROWS) return;
    for (const [id, row] of this.#drafts) {
      if (this.#drafts.size <= MAX_ROWS) break;
      if (inFlight(row.status)) continue;
      this.#drafts.delete(id);
      this.#shown.delete(id);
    }
  }
}

import {
  checkKind,
  checkNumber,
  checkStream,
  NUMERIC_PARAMS,
  type NumericParamName,
  type TaskKind,
  type TaskSpec,
} from '../tasks/params';

/** What a panel shows beside its form, and says aloud, when Run found a field it refuses. */
export const NOT_RUN = 'Not run: correct the fields marked above.';
export const NOT_RUN_ANNOUNCED = 'Not run: correct the highlighted fields first.';

export type FieldErrors = Partial<Record<NumericParamName | 'kind' | 'stream', string>>;

/**
 * A panel's task parameters as the reader typed them. Fields hold the raw text so a bad value stays
 * on screen beside its message instead of being silently corrected.
 */
export class TaskForm {
  kind = $state<TaskKind>('wait');
  duration = $state(String(NUMERIC_PARAMS.duration.default));
  rate = $state(String(NUMERIC_PARAMS.rate.default));

  readonly errors: FieldErrors = $derived.by(() => {
    const errors: FieldErrors = {};
    const kind = checkKind(this.kind);
    if (!kind.ok) errors.kind = kind.message;
    const duration = checkNumber('duration', this.duration);
    if (!duration.ok) errors.duration = duration.message;
    if (this.kind === 'stream') {
      const rate = checkNumber('rate', this.rate);
      if (!rate.ok) errors.rate = rate.message;
      else if (duration.ok) {
        const count = checkStream(duration.value, rate.value);
        if (!count.ok) errors.stream = count.message;
      }
    }
    return errors;
  });

  readonly valid = $derived(Object.keys(this.errors).length === 0);

  /** The task to run, or null when any field is refused (then nothing runs). */
  readonly spec: TaskSpec | null = $derived.by(() => {
    if (!this.valid) return null;
    return {
      kind: this.kind,
      durationMs: Number(this.duration),
      ratePerSecond: Number(this.rate),
    };
  });

  constructor(initial?: { kind: TaskKind; duration: number; rate: number }) {
    if (initial) {
      this.kind = initial.kind;
      this.duration = String(initial.duration);
      this.rate = String(initial.rate);
    }
  }
}

import { describe, expect, it } from 'vitest';
import {
  MAX_RECORDING_BYTES,
  readRecording,
  validateRecording,
} from '../../src/tk-traces/trace-checks';
import type { BlockingRun, ReaderRecording } from '../../src/tk-traces/trace-types';
import { linuxRecording, PLATFORM_FIXTURES } from '../support/recording-fixtures';

const read = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return readRecording(text, new TextEncoder().encode(text).length);
};

/** The recording with one change made by `edit`. */
function edited(edit: (r: ReaderRecording & Record<string, unknown>) => void): unknown {
  const recording = structuredClone(linuxRecording()) as ReaderRecording & Record<string, unknown>;
  edit(recording);
  return recording;
}

const blocking = (r: ReaderRecording) => r.traces.blocking!;

/** [what is wrong, the file, a phrase the refusal must contain]. */
const HOSTILE: [string, unknown, string][] = [
  ['not JSON', 'this is not JSON', 'not JSON'],
  ['JSON cut short', JSON.stringify(linuxRecording()).slice(0, 5000), 'not JSON'],
  ['an empty file', '', 'not JSON'],
  ['null', null, 'expected a JSON object'],
  ['an array', [linuxRecording()], 'expected a JSON object'],
  ['a single trace file, not a recording', blocking(linuxRecording()), 'format: expected'],
  ['another format', edited((r) => void (r.format = 'chrome-trace' as never)), 'format: expected'],
  ['a newer schema', edited((r) => void (r.schema = 2 as never)), 'schema: version 2'],
  [
    'no schema',
    edited((r) => delete (r as Partial<ReaderRecording>).schema),
    'schema: version missing',
  ],
  [
    'meta missing',
    edited((r) => delete (r as Partial<ReaderRecording>).meta),
    'meta: expected an object',
  ],
  [
    'a meta field missing',
    edited((r) => delete (r.meta as Partial<ReaderRecording['meta']>).tk),
    'meta.tk: missing',
  ],
  [
    'the GIL state as a string',
    edited((r) => void (r.meta.gilEnabled = 'no' as never)),
    'meta.gilEnabled: expected true or false',
  ],
  ['no traces', edited((r) => void (r.traces = {})), 'traces: none recorded'],
  [
    'a trace this page does not know',
    edited((r) => void ((r.traces as Record<string, unknown>).gpu = blocking(r))),
    'traces.gpu: not a trace',
  ],
  [
    'a trace filed under another name',
    edited((r) => void (r.traces.polling = blocking(r) as never)),
    'traces.polling.trace: expected "polling"',
  ],
  [
    'a run missing a field',
    edited((r) => delete (blocking(r).runs[0] as Partial<BlockingRun>).summary),
    'traces.blocking.runs[0].summary: missing',
  ],
  [
    'a negative duration',
    edited((r) => void (blocking(r).runs[0]!.durationMs = -500)),
    'expected a number ≥ 0',
  ],
  [
    'a number in quotes',
    edited((r) => void (blocking(r).runs[0]!.durationMs = '500' as never)),
    'expected a number ≥ 0',
  ],
  [
    'an absurd number',
    edited((r) => void (blocking(r).runs[0]!.durationMs = 1e12)),
    'absurd number 1000000000000',
  ],
  [
    'a number beyond a double',
    JSON.stringify(linuxRecording()).replace('"durationMs":500', '"durationMs":1e400'),
    'absurd number Infinity',
  ],
  ['absurd cores', edited((r) => void (r.meta.machine.cores = 1e9)), 'absurd number'],
  [
    'a script tag in a label',
    edited(
      (r) =>
        void (r.traces.mistakes!.runs[0]!.labelTexts[0]![2] = '<script>window.__pwned=1</script>'),
    ),
    'contains markup',
  ],
  [
    'an image with onerror in stderr',
    edited(
      (r) => void (blocking(r).runs[0]!.process.stderr = 'x<img src=x onerror="window.__pwned=1">'),
    ),
    'contains markup',
  ],
  [
    'an svg in the machine name',
    edited((r) => void (r.meta.machine.os = '<svg onload=alert(1)>')),
    'contains markup',
  ],
  [
    'a javascript: address in a note',
    edited((r) => void (r.scenarios[0]!.note = 'javascript:alert(1)')),
    'contains markup',
  ],
  [
    'a string a megabyte long',
    edited((r) => void (r.meta.machine.cpu = 'x'.repeat(1_000_000))),
    'a string of 1000000 characters',
  ],
  [
    'nesting a thousand deep',
    edited(
      (r) =>
        void ((r.meta as Record<string, unknown>).deep = JSON.parse(
          '['.repeat(1000) + ']'.repeat(1000),
        )),
    ),
    'nested deeper',
  ],
  ['an unexpected top-level field', edited((r) => void (r.extra = 1)), 'extra: unexpected field'],
  [
    'a prototype name as a field',
    JSON.stringify(linuxRecording()).replace('"meta":{', '"meta":{"__proto__":{"polluted":1},'),
    'meta.__proto__: unexpected field',
  ],
  [
    'an inherited name as a field',
    edited(
      (r) => void Object.defineProperty(r.meta, 'constructor', { value: 'x', enumerable: true }),
    ),
    'meta.constructor: unexpected field',
  ],
  [
    'a scenario with an unknown status',
    edited((r) => void (r.scenarios[0]!.status = 'maybe' as never)),
    'scenarios[0].status: expected one of',
  ],
  [
    'an unknown input method',
    edited((r) => void (blocking(r).meta.injection = 'robot' as never)),
    'traces.blocking.meta.injection',
  ],
];

describe("a reader's recording", () => {
  it('passes the checks as the recorder writes it on Linux/X11 (our traces, gathered)', () => {
    expect(validateRecording(linuxRecording())).toEqual([]);
  });

  it.each(Object.entries(PLATFORM_FIXTURES))(
    'passes the checks as the recorder would write it on %s',
    (_, make) => {
      expect(validateRecording(make())).toEqual([]);
    },
  );

  it.each(HOSTILE)(
    'is refused when it is %s, with a message naming what is wrong',
    (_, file, phrase) => {
      const reading = read(file);
      expect(reading.ok).toBe(false);
      if (reading.ok) return;
      expect(reading.problems.length).toBeGreaterThan(0);
      expect(reading.problems.length).toBeLessThanOrEqual(50);
      expect(reading.problems.join('\n')).toContain(phrase);
    },
  );

  it('is refused as too big before it is parsed', () => {
    const reading = readRecording('{}', MAX_RECORDING_BYTES + 1);
    expect(reading).toEqual({ ok: false, problems: [expect.stringMatching(/^too big: 4\.0 MB/)] });
  });

  it('lets Python’s own angle brackets through (tracebacks, reprs, the scrubbed stdlib path)', () => {
    const file = edited((r) => {
      blocking(r).runs[0]!.process.stderr =
        'File "<stdlib>/asyncio/base_events.py", line 1, in <module>\n<coroutine object Queue.get at 0x…>\n<object object at 0x…>';
    });
    expect(read(file)).toMatchObject({ ok: true });
  });
});

describe('a reader’s file: each trace’s input against its scenarios', () => {
  it('accepts every platform fixture, whose traces name the strongest input their runs used', () => {
    for (const fixture of Object.values(PLATFORM_FIXTURES))
      expect(read(fixture())).toMatchObject({ ok: true });
  });

  it('refuses a trace whose meta names another input than its scenarios were recorded with', () => {
    const reading = read(
      edited((r) => {
        r.traces.polling!.meta.injection = 'none';
      }),
    );
    expect(reading.ok).toBe(false);
    if (!reading.ok)
      expect(reading.problems).toContain(
        'traces.polling.meta.injection: "none", but its scenarios were recorded with invoke',
      );
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatRecordedMs } from '../../src/format/format';
import rulesFile from '../../python/thread-rules.json';
import {
  citedFigure,
  citedTraces,
  formatFigure,
  showEvidence,
  traceOf,
  type ThreadRules,
} from '../../src/recordings/thread-rules';
import type { TraceId } from '../../src/tk-traces/trace-types';

const rules = rulesFile as ThreadRules;
const traces = Object.fromEntries(
  citedTraces(rules.rules).map((id) => [
    id,
    JSON.parse(readFileSync(`src/tk-traces/${id}.json`, 'utf8')) as { runs: object[] },
  ]),
) as Partial<Record<TraceId, { runs: readonly object[] }>>;

describe('the thread rules as the page shows them', () => {
  it('shows every cited figure of a committed recording, read from the trace', () => {
    for (const rule of rules.rules)
      for (const e of rule.evidence) {
        if (e.kind !== 'recording' || !traceOf(e.file)) continue;
        const [shown] = showEvidence([e], traces);
        expect(shown?.kind).toBe('recording');
        expect(shown?.kind === 'recording' && shown.value, `${rule.id}: ${e.figure}`).not.toBe(
          null,
        );
      }
  });

  it('gives the figure the trace holds, not a number of its own', () => {
    const trace = {
      runs: [
        { variant: 'a', summary: { callMs: 1 } },
        { variant: 'b', summary: { callMs: 2.5 } },
      ],
    };
    expect(citedFigure(trace, { variant: 'b' }, 'summary.callMs')).toBe(2.5);
    expect(citedFigure(trace, { variant: 'c' }, 'summary.callMs')).toBeUndefined();
    expect(formatFigure('summary.callMs', 2.5)).toBe(formatRecordedMs(2.5));
    expect(formatFigure('summary.raised', true)).toBe('yes');
    expect(formatFigure('summary.callMs', undefined)).toBeNull();
    expect(formatFigure('summary.handoffMs.p50', 0.2)).toBe(formatRecordedMs(0.2));
    expect(formatFigure('stallsMs', [1, 2])).toBe(`${formatRecordedMs(1)}, ${formatRecordedMs(2)}`);
  });

  it('links each CPython source and document it cites', () => {
    const links = rules.rules.flatMap((rule) =>
      showEvidence(rule.evidence, {}).filter((e) => e.kind === 'link'),
    );
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) expect(link.kind === 'link' && link.href).toMatch(/^https:\/\//);
  });

  it('says which rules hold only with a threaded Tcl, and how to check yours', () => {
    expect(rules.check.code).toBe("root.tk.eval('set tcl_platform(threaded)')");
    expect(rules.rules.some((r) => r.tcl === 'threaded')).toBe(true);
    expect(rules.rules.some((r) => r.tcl === 'any')).toBe(true);
  });
});

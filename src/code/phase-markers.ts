/**
 * Source files mark the lines of each phase with comment lines:
 *
 *     // [phase running]        # [phase running]
 *     ...                       ...
 *     // [/phase]               # [/phase]
 *
 * The code view strips the marker lines and keeps, for every remaining line, the phase it belongs
 * to, so highlighting follows the source itself and cannot drift from it.
 */

export interface MarkedLine {
  text: string;
  phase: string | null;
}

export interface MarkedSource {
  lines: MarkedLine[];
  phases: Set<string>;
}

const OPEN = /^\s*(?:\/\/|#)\s*\[phase ([a-z][a-z-]*)\]\s*$/;
const CLOSE = /^\s*(?:\/\/|#)\s*\[\/phase\]\s*$/;

export function parsePhaseMarkers(source: string): MarkedSource {
  const lines: MarkedLine[] = [];
  const phases = new Set<string>();
  let current: string | null = null;
  source.split('\n').forEach((text, index) => {
    const open = OPEN.exec(text);
    if (open) {
      if (current !== null)
        throw new Error(`line ${index + 1}: phase "${open[1]}" opens inside "${current}"`);
      current = open[1] as string;
      phases.add(current);
      return;
    }
    if (CLOSE.test(text)) {
      if (current === null) throw new Error(`line ${index + 1}: [/phase] without an open phase`);
      current = null;
      return;
    }
    lines.push({ text, phase: current });
  });
  if (current !== null) throw new Error(`phase "${current}" is never closed`);
  while (lines.length > 0 && (lines[lines.length - 1] as MarkedLine).text.trim() === '')
    lines.pop();
  return { lines, phases };
}

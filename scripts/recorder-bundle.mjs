/**
 * Builds two_loops_record.py, the recorder a reader downloads: one Python file that carries the
 * harness, the scenarios and the offered files they measure, unpacks them into a temporary folder
 * and runs python/harness/record.py from there. The page serves it (vite.config.ts) and
 * `npm run record:tk` runs this same file, so the project's recordings and a reader's come from
 * one recorder. The sources stay in python/: this only packs them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The name readers download and run. */
export const RECORDER_FILE = 'two_loops_record.py';

/** Every file the recorder needs, repo-relative, in a stable order. */
export function recorderSources(root = ROOT) {
  const inFolder = (folder) =>
    readdirSync(path.join(root, 'python', folder))
      .filter((name) => name.endsWith('.py') && name !== 'lint.py')
      .sort()
      .map((name) => `python/${folder}/${name}`);
  return [
    'python/recommended.py',
    ...['harness', 'scenarios', 'strategies', 'mistakes', 'fixes', 'tools'].flatMap(inFolder),
  ];
}

/** A Python literal for `text`: a raw triple-quoted string where that is exact, else JSON's. */
function literal(text) {
  const rawOk = !text.includes("'''") && !text.endsWith('\\') && !text.includes('\r');
  return rawOk ? `r'''${text}'''` : JSON.stringify(text);
}

/** The text of two_loops_record.py, built from the sources under `root`. */
export function buildRecorder(root = ROOT) {
  const record = readFileSync(path.join(root, 'python/harness/record.py'), 'utf8');
  const docstring = /^"""[\s\S]*?"""/.exec(record)?.[0];
  if (!docstring) throw new Error('python/harness/record.py must open with its docstring');
  const files = recorderSources(root)
    .map(
      (file) =>
        `    ${JSON.stringify(file)}: ${literal(readFileSync(path.join(root, file), 'utf8'))},`,
    )
    .join('\n');
  return `# SPDX-License-Identifier: 0BSD
# two-loops: expect=exit-0
${docstring}

# This file is built from the Two Loops sources (python/ in its repository) by
# scripts/recorder-bundle.mjs: the files below are the harness, the scenarios and the
# programs they measure, unpacked into a temporary folder and run from there, unchanged.

import sys
import tempfile
from pathlib import Path

FILES = {
${files}
}


def main() -> int:
    if sys.version_info < (3, 9):
        sys.exit("two_loops_record.py needs Python 3.9 or later")
    with tempfile.TemporaryDirectory(prefix="two-loops-") as folder:
        for name, text in FILES.items():
            target = Path(folder, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        sys.path.insert(0, str(Path(folder, "python")))
        from harness import record

        return record.main(sys.argv[1:], recorder="${RECORDER_FILE}")


if __name__ == "__main__":
    sys.exit(main())
`;
}

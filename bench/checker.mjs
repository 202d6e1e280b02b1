// npm run bench:checker: scores the code checker on its reader-shaped snippets, the project's
// files and the seed article (tests/unit/checker-score.test.ts), then rewrites BENCHMARKS.md from
// bench/results.json with the checker's section from bench/checker-results.json.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeReport } from './report.mjs';

execFileSync('npx', ['vitest', 'run', 'tests/unit/checker-score.test.ts'], {
  stdio: 'inherit',
  env: { ...process.env, CHECKER_SCORE_OUT: 'bench/checker-results.json' },
});
// In the repository's own format, so that `npm run lint` passes on the file as written.
execFileSync('npx', ['prettier', '--write', 'bench/checker-results.json'], { stdio: 'ignore' });
writeReport(JSON.parse(readFileSync('bench/results.json', 'utf8')));

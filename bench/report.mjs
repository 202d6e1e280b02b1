// Writes the benchmark results as BENCHMARKS.md (tables a reader can scan) and bench/results.json.
import { writeFileSync } from 'node:fs';

const ms = (v, digits = 3) => (Number.isFinite(v) ? `${v.toFixed(digits)} ms` : '—');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
const range = (s, fmt) => `${fmt(s.median)} (${fmt(s.min)} – ${fmt(s.max)})`;

export function writeReport(results) {
  writeFileSync('bench/results.json', `${JSON.stringify(results, null, 2)}\n`);
  const { instrument, size } = results.sections;
  const lines = [
    '# Benchmarks',
    '',
    `Written by \`npm run bench${results.quick ? ' -- --quick' : ''}\` on ${results.date.slice(0, 10)}: ${results.browser}, ${results.machine.cpus} CPUs (${results.machine.cpu}), ${results.machine.memoryGiB} GiB, ${results.machine.platform}. Each figure is the median of ${results.runs} runs, with the minimum and maximum in brackets. The raw numbers are in [bench/results.json](bench/results.json).`,
    '',
    '## Instrument cost on an idle page',
    '',
    'Main-thread time per frame from a 5 s DevTools trace of the idle page (every panel shown), beside the floor: a page whose only work is an empty `requestAnimationFrame` loop. Script time is the JavaScript the page runs (frame callbacks, timers, message handlers); busy time is every main-thread task, rendering included.',
    '',
    '| figure | Two Loops | floor | goal |',
    '| --- | --- | --- | --- |',
    `| script time per frame | ${range(instrument.appScriptPerFrame, ms)} | ${range(instrument.floorScriptPerFrame, ms)} | < 0.3 ms |`,
    `| main-thread busy time per frame | ${range(instrument.appBusyPerFrame, ms)} | ${range(instrument.floorBusyPerFrame, ms)} | |`,
    `| idle p95 frame interval | ${range(instrument.idleP95, (v) => ms(v, 1))} | | the display's interval |`,
    `| display refresh interval (median frame) | ${range(instrument.refreshInterval, (v) => ms(v, 1))} | | |`,
    '',
    '## Size',
    '',
    '| what | gzipped | goal |',
    '| --- | --- | --- |',
    `| initial JavaScript | ${kb(size.initial.js)} | ≤ ${kb(size.budget)} |`,
    `| initial CSS | ${kb(size.initial.css)} | |`,
    `| everything in the build | ${kb(size.totalGzip)} | |`,
    '',
    'Loaded on demand (workers, code views):',
    '',
    ...size.lazy.map((f) => `- \`${f.file.replace(/-[\w-]{8}\./, '.')}\`: ${kb(f.gzip)}`),
    '',
  ];
  writeFileSync('BENCHMARKS.md', `${lines.join('\n')}\n`);
}

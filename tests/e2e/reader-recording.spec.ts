import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { buildRecorder, RECORDER_FILE } from '../../scripts/recorder-bundle.mjs';
import { readRecording } from '../../src/tk-traces/trace-checks';
import type { ReaderRecording } from '../../src/tk-traces/trace-types';
import { macOSRecording } from '../support/recording-fixtures';
import { skipQuestion, watchForErrors } from './support/page';

/** What `npm run record:tk` keeps of the recorder's own file (a stage of npm test, before this). */
const RECORDED = '.tmp/reader-recording.json';

/**
 * The file two_loops_record.py wrote on this machine under Xvfb: the one record:tk kept, or, when
 * this spec runs on its own, a quick recording of the blocking scenario made now (about 15 s).
 */
function recorderOutput(): { text: string; made: string } {
  if (existsSync(RECORDED)) return { text: readFileSync(RECORDED, 'utf8'), made: RECORDED };
  const work = mkdtempSync(path.join(os.tmpdir(), 'reader-recording-'));
  const file = path.join(work, RECORDER_FILE);
  const out = path.join(work, 'recording.json');
  writeFileSync(file, buildRecorder());
  const run = spawnSync(
    'xvfb-run',
    ['-a', 'python3', file, '--quick', '--only', 'blocking', '--out', out],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (run.status !== 0) throw new Error(`${RECORDER_FILE} failed:\n${run.stdout}\n${run.stderr}`);
  return { text: readFileSync(out, 'utf8'), made: `${RECORDER_FILE} --quick --only blocking` };
}

async function choose(page: Page, name: string, text: string) {
  const room = page.getByRole('region', { name: 'Your machine' });
  await room.scrollIntoViewIfNeeded();
  await room
    .getByLabel('Your recording (JSON)')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
  return room;
}

test.describe("a reader's recording", () => {
  let errors: string[];
  test.beforeEach(({ page }) => {
    errors = watchForErrors(page);
  });
  test.afterEach(() => {
    expect(errors).toEqual([]);
  });

  test('the page serves the recorder that record:tk runs, byte for byte', async ({ request }) => {
    const served = await request.get(`./${RECORDER_FILE}`);
    expect(served.ok()).toBe(true);
    expect(await served.text()).toBe(buildRecorder());
  });

  test('the recorder’s own file from this machine shows beside ours in the Blocking recording', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 900 });
    const { text, made } = recorderOutput();
    const reading = readRecording(text, Buffer.byteLength(text));
    expect(reading.ok, `${made} passes the trace checks`).toBe(true);
    const recording = (reading as { recording: ReaderRecording }).recording;
    const blocking = recording.traces.blocking!;

    await page.goto('./?panel=blocking&kind=wait&duration=500');
    await skipQuestion(page, 'blocking');
    const room = await choose(page, 'two-loops-recording.json', text);
    await expect(room.getByTestId('recording-message')).toContainText('shown beside ours');
    await expect(room.getByTestId('reader-machine')).toContainText(
      `CPython ${recording.meta.python}, GIL enabled · Tcl/Tk ${recording.meta.tk} (x11)`,
    );

    const box = page.getByTestId('tk-recording-blocking');
    await box.scrollIntoViewIfNeeded();
    const ours = box.getByTestId('tk-source-ours');
    const yours = box.getByTestId('tk-source-reader');
    await expect(ours.getByTestId('tk-meta')).toContainText('CPython 3.11');
    await expect(yours.getByTestId('tk-meta')).toContainText(`CPython ${recording.meta.python}`);
    await expect(yours.getByTestId('tk-meta')).toContainText(
      recording.meta.recordedAt.slice(0, 10),
    );
    await expect(yours.getByTestId('tk-blocking-summary')).toContainText('frozen for');
    // Side by side: the reader's column starts to the right of ours on a wide window.
    const [a, b] = [await ours.boundingBox(), await yours.boundingBox()];
    expect(a && b && b.x > a.x + a.width / 2).toBe(true);

    // The table of every run has the reader's blocking runs beside ours.
    const row = room
      .getByTestId('reader-headlines')
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /^wait task, D = 500\sms$/ }) });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole('cell').nth(1)).toContainText(
      `(${blocking.runs[0]!.runs.length} runs)`,
    );
  });

  test('a macOS-shaped file says what it could not record; a hostile file is refused and never rendered', async ({
    page,
  }) => {
    await page.goto('./?panel=one-thread');
    await skipQuestion(page, 'one-thread');
    let room = await choose(page, 'mac.json', JSON.stringify(macOSRecording()));
    await expect(room.getByTestId('reader-unmade')).toContainText('need XTEST');
    const oneThread = page.getByTestId('tk-recording-one-thread');
    await expect(oneThread.getByTestId('tk-source-reader')).toContainText('aqua');

    const hostile = macOSRecording();
    hostile.meta.machine.cpu = '<img src=x onerror="window.__pwned=1">';
    room = await choose(page, 'hostile.json', JSON.stringify(hostile));
    await expect(room.getByTestId('recording-message')).toContainText(
      'meta.machine.cpu: contains markup',
    );
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    // The macOS recording accepted before stays.
    await expect(oneThread.getByTestId('tk-source-reader')).toContainText('aqua');
  });

  for (const theme of ['light', 'dark'] as const)
    test(`axe: no violations in Your machine and beside ours, with a reader's recording, ${theme}`, async ({
      page,
    }) => {
      await page.emulateMedia({ colorScheme: theme });
      await page.goto(`./?panel=blocking&theme=${theme}`);
      await skipQuestion(page, 'blocking');
      const room = await choose(page, 'mac.json', JSON.stringify(macOSRecording()));
      await expect(room.getByTestId('reader-headlines')).toBeVisible();
      const box = page.getByTestId('tk-recording-blocking');
      await box.scrollIntoViewIfNeeded();
      await expect(box.getByTestId('tk-source-reader').getByTestId('tk-meta')).toBeVisible();
      // In the page itself (legacy mode): no blank page opened to finish the run; this page has
      // no frames of another origin for the default mode to reach.
      const { violations } = await new AxeBuilder({ page })
        .setLegacyMode(true)
        .include('#your-machine')
        .include('[data-testid="tk-recording-blocking"]')
        .analyze();
      expect(
        violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ).toEqual([]);
    });
});

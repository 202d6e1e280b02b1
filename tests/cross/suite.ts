/**
 * The cross-browser suite, written once and run in each engine through its own driver: the page and
 * an embed load cleanly, every panel works, stalls are reported as accurately as the engine allows
 * and labelled with how they were measured, the instrument's live parts behave as the engine really
 * lets them, and the page says what the engine cannot measure.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CAPABILITIES, type Capability } from '../../src/instrument/capabilities';
import type { Driver, Engine } from './drivers/types';
import { engineSetup } from './engines';
import { AXE, CrossPage } from './page';

export const ENGINE_LABEL: Record<Engine, string> = {
  chromium: 'Chromium',
  firefox: 'Firefox ESR',
  webkit: 'WebKitGTK',
};

/** A number followed by "ms" after `label`. */
function msAfter(text: string, label: string): number | null {
  const match = new RegExp(`${label}\\s*([\\d,]+)\\s*ms`).exec(text.replace(/\s+/g, ' '));
  return match ? Number((match[1] as string).replace(/,/g, '')) : null;
}

interface StallRow {
  start: number;
  end: number;
  duration: number;
  text: string;
}

/**
 * Runs in the page: records every stall row the page shows, as it shows it, keyed by the stall's
 * first frame (a row refined later replaces its earlier text). The list shows only the latest
 * eight; on a loaded machine an engine without long tasks lists many short frame gaps, which can
 * push a test's stall out of the list before the test reads it.
 */
const WATCH_STALLS = `() => {
  if (window.__stallRows) return true;
  const section = document.querySelector('[data-capabilities]');
  if (!section) return false;
  const rows = (window.__stallRows = new Map());
  const read = () => {
    for (const li of document.querySelectorAll('[data-testid="stall-list"] li'))
      rows.set(li.dataset.frameStart, {
        start: Number(li.dataset.frameStart), end: Number(li.dataset.frameEnd),
        duration: Number(li.querySelector('[data-testid="stall-duration"]').textContent.replace(/[^\\d]/g, '')),
        text: li.textContent.replace(/\\s+/g, ' '),
      });
  };
  read();
  new MutationObserver(read).observe(section, {
    childList: true, subtree: true, characterData: true,
  });
  return true;
}`;

/** Every stall the page has listed since it loaded, as the page showed it. */
async function stalls(page: CrossPage): Promise<StallRow[]> {
  await page.run(WATCH_STALLS);
  return page.run('() => Array.from(window.__stallRows.values())');
}

/** Waits for a listed stall that contains [start, end] and satisfies `ready`. */
async function stallAround(
  page: CrossPage,
  span: { start: number; end: number },
  ready: (row: StallRow) => boolean = () => true,
): Promise<StallRow> {
  let found: StallRow | undefined;
  let seen: StallRow[] = [];
  await page.waitFor(
    async () => {
      seen = await stalls(page);
      found = seen.find((s) => s.start <= span.start + 1 && s.end >= span.end - 1 && ready(s));
      return found !== undefined;
    },
    () => `a stall around ${JSON.stringify(span)}: ${JSON.stringify(seen)}`,
  );
  return found as StallRow;
}

/** The instrument runs and the page has gone quiet: ten frames in a row under 50 ms. */
async function settled(page: CrossPage, panels: RegExp[] = []): Promise<void> {
  await page
    .root()
    .testId('frame-stats')
    .waitForText(/[1-9]\d* fps/);
  // Every panel mounted (the panels are chunks, mounted one turn each).
  const runs = panels.map((name) => page.region(name).role('button', 'Run'));
  await page.waitFor(() => page.allExist(runs), `the panels ${panels.join(', ')} to mount`);
  const quiet = await page.run<boolean>(QUIET);
  if (!quiet)
    // A loaded machine can keep the page from ten quiet frames in a row; the tests do not depend
    // on it (each finds its own stall by its span), so they start anyway.
    console.log(
      `the page did not go quiet (median frame ${(await frameInterval(page)).toFixed(0)} ms)`,
    );
}

/** Resolves once ten frames in a row were each under 50 ms, or false after 1 s. */
const QUIET = `() => new Promise((resolve) => {
  let last = performance.now(), quiet = 0;
  const give = setTimeout(() => resolve(false), 1000);
  const frame = () => {
    const now = performance.now();
    quiet = now - last < 50 ? quiet + 1 : 0;
    last = now;
    if (quiet >= 10) { clearTimeout(give); resolve(true); } else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})`;

/** The display's frame interval as this engine delivers it (median of 20 rAF intervals). */
function frameInterval(page: CrossPage): Promise<number> {
  return page.run(`() => new Promise((resolve) => {
    const t = [];
    const frame = () => {
      t.push(performance.now());
      if (t.length > 20) {
        const d = t.slice(1).map((x, i) => x - t[i]).sort((a, b) => a - b);
        resolve(d[10]);
      } else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  })`);
}

/** Busy-waits the page's main thread for `ms`, from a task of its own, after the script returns. */
const START_BUSY = `(ms) => {
  window.__busy = null;
  setTimeout(() => {
    const start = performance.now();
    while (performance.now() - start < ms) {}
    window.__busy = { start, end: performance.now() };
  }, 0);
  return true;
}`;

async function busyDone(page: CrossPage, ms: number): Promise<{ start: number; end: number }> {
  await page.stallStarted(ms);
  let span: { start: number; end: number } | null = null;
  await page.waitFor(async () => {
    span = await page.run('() => window.__busy');
    return span !== null;
  }, 'the busy loop to end');
  return span as unknown as { start: number; end: number };
}

function readmeRow(engine: Engine): Record<string, string> {
  const lines = readFileSync('README.md', 'utf8').split('\n');
  const header = lines.findIndex((l) => /^\|\s*Engine\s*\|/.test(l));
  const cells = (line: string) =>
    line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
  const names = cells(lines[header] as string);
  const row = lines.slice(header + 2).find((l) => cells(l)[0]?.startsWith(ENGINE_LABEL[engine]));
  if (!row) throw new Error(`README's support table has no ${ENGINE_LABEL[engine]} row`);
  return Object.fromEntries(cells(row).map((c, i) => [names[i] as string, c]));
}

/** The README's column for each capability the page detects. */
export const README_COLUMN: Record<Capability, string> = {
  longtask: 'Long tasks',
  longAnimationFrame: 'Long animation frames',
  eventTiming: 'Event Timing',
  schedulerYield: 'scheduler.yield',
  offscreenCanvas: 'Chart drawn by a worker',
};

/** The page the tests share: the full page, with URL parameters for the Queue panel. */
const SHARED = '?panel=queue&kind=cpu&duration=700&poll=250';

/**
 * Which tests a file runs: all of them, or one of two halves. WebKitGTK, the slowest engine
 * through the slowest driver, runs its halves in two sessions at once (webkit.cross.ts and
 * webkit-2.cross.ts), so that it does not set the suite's wall time alone once the other two
 * engines are done.
 */
export type SuitePart = 'all' | 1 | 2;

export function defineSuite(engine: Engine, part: SuitePart = 'all'): void {
  /** Registers a test of the given half, or nothing when this file runs the other half. */
  const inPart =
    (half: 1 | 2) =>
    (name: string, body: () => Promise<void>): void => {
      if (part === 'all' || part === half) it(name, body);
    };
  const partOne = inPart(1);
  const partTwo = inPart(2);
  const setup = engineSetup(engine);
  if (setup.missing) {
    if (process.env.CI === 'true') throw new Error(`${setup.missing} (required under CI=true)`);
    if (part !== 2) console.log(`Skipping the ${ENGINE_LABEL[engine]} suite. ${setup.missing}`);
  }
  describe.skipIf(setup.missing !== null)(ENGINE_LABEL[engine], () => {
    let driver: Driver;
    let page: CrossPage;
    let capabilities: Set<string>;
    const site = inject('site');
    const host = inject('host');

    beforeAll(async () => {
      driver = await setup.start();
      page = new CrossPage(driver);
      console.log(`${ENGINE_LABEL[engine]} suite: ${driver.version}`);
      // Opened here, under the hook's longer timeout: WebKitGTK on a loaded machine takes most of
      // a minute to load and lay out the full page.
      await fullPage();
    });
    afterAll(async () => {
      await driver?.close();
    });

    let current: string | null = null;
    /**
     * The full page is opened once and shared by the tests that run on it (each finds its own
     * stall by its span), so that the suite fits its time budget on a 2-core machine. It opens
     * with URL parameters for the Queue panel, which the first test checks.
     */
    async function fullPage(): Promise<void> {
      if (current === SHARED) {
        await page.run(QUIET);
        return;
      }
      await openPage(SHARED);
    }

    async function openPage(query = ''): Promise<void> {
      current = query;
      await page.open(`${site}${query}`);
      await settled(
        page,
        query.includes('embed=1') ? [] : [/Blocking/, /Queue/, /Dedicated/, /One thread/],
      );
      await page.run(WATCH_STALLS);
      const listed = await page.root().css('[data-capabilities]').attribute('data-capabilities');
      capabilities = new Set((listed ?? '').split(' ').filter(Boolean));
    }

    async function noErrors(): Promise<void> {
      expect(await page.errors()).toEqual([]);
    }

    partOne(
      'loads with no uncaught error, applies URL parameters, and says beside each figure what this browser cannot measure',
      async () => {
        await fullPage();
        const queue = page.region(/Queue/);
        expect(await queue.label('Task kind').value()).toBe('cpu');
        expect(await queue.label(/Duration/).value()).toBe('700');
        expect(await queue.label(/Poll interval/).value()).toBe('250');
        const notes = await page.run<string[]>(
          `() => Array.from(document.querySelectorAll('[data-testid="capability-note"]')).map((p) => p.textContent)`,
        );
        expect(
          notes.some((n) =>
            n.startsWith('In this browser stalls are measured from the pause between two redraws'),
          ),
        ).toBe(!capabilities.has('longtask'));
        expect(notes.some((n) => n.includes('needs Chromium'))).toBe(
          !capabilities.has('longAnimationFrame'),
        );
        expect(notes.some((n) => n.includes('no Event Timing'))).toBe(
          !capabilities.has('eventTiming'),
        );
        const fallback = await page.root().testId('monitor-fallback').exists();
        expect(fallback).toBe(!capabilities.has('offscreenCanvas'));
        await noErrors();
      },
    );

    partOne("matches the README's support table", async () => {
      await fullPage();
      const row = readmeRow(engine);
      for (const name of CAPABILITIES)
        expect(`${README_COLUMN[name]}: ${row[README_COLUMN[name]]}`).toBe(
          `${README_COLUMN[name]}: ${capabilities.has(name) ? 'yes' : 'no'}`,
        );
      expect(row['Stalls measured from']).toMatch(
        capabilities.has('longtask') ? /long-task entries/ : /frame gaps/,
      );
      expect(row['Probe waits']).toMatch(
        capabilities.has('eventTiming') ? /Event Timing/ : /the page's own figure only/,
      );
      expect(row['Whose stall it was']).toMatch(
        capabilities.has('longtask') ? /the page's own work/ : /cause unknown/,
      );
    });

    partOne(
      'every panel runs a wait, a cpu and a stream task, and its workers lose no message',
      async () => {
        /** What a panel shows once its run of `kind` is over; `before` is its count before the test. */
        interface PanelRun {
          region: RegExp;
          /** The element that shows the run's outcome, and its status line. */
          done: string;
          status: string;
          expect(kind: string, runs: number): RegExp;
        }
        // Workers' panels first: their tasks run while the main-thread panels hold the thread.
        const panels: PanelRun[] = [
          {
            region: /Queue/,
            done: 'queue-tasks-done',
            status: 'queue-status',
            expect: (_, runs) => new RegExp(`^${runs} done`),
          },
          {
            region: /Dedicated/,
            done: 'dedicated-tally',
            status: 'dedicated-status',
            expect: (_, runs) => new RegExp(`^${runs} done`),
          },
          {
            // Its label is written at the drain after each run: one text per kind.
            region: /One thread/,
            done: 'one-thread-output',
            status: 'one-thread-status',
            expect: (kind) =>
              kind === 'wait'
                ? /^waited 200 ms$/
                : kind === 'cpu'
                  ? /^computed [\da-f]+$/
                  : /^(\d+)\/\1$/,
          },
          {
            region: /Blocking/,
            done: 'blocking-output',
            status: 'blocking-status',
            expect: () => /^Done after 200 ms$/,
          },
        ];
        await fullPage();
        // Counted from what each panel has already done (a retry runs on the same page).
        const runs = new Map<RegExp, { done: number; per: number }>();
        for (const panel of panels) {
          const region = page.region(panel.region);
          await region.label(/Duration/).fill('200');
          const before = await region.testId(panel.done).text();
          const per =
            panel.region.source === 'Dedicated'
              ? Number(await region.label(/Concurrent tasks/).value())
              : 1;
          runs.set(panel.region, { done: Number(/^(\d+) done/.exec(before)?.[1] ?? 0), per });
        }
        // The panels run each kind at once, so the test waits for them together. Each round sets
        // the kind and presses Run in every panel from one script in the page (HTMLElement.click):
        // this test is about what each panel runs, not about input, which the probe and Copy link
        // tests drive for real; one script instead of some thirty WebDriver round trips.
        const targets = panels.map((panel) => {
          const region = page.region(panel.region);
          return {
            kind: region.label('Task kind').steps,
            run: region.role('button', 'Run').steps,
            // Blocking writes its label over; the other panels' outcomes differ from run to run.
            reset:
              panel.region.source === 'Blocking' ? region.testId('blocking-output').steps : null,
          };
        });
        for (const kind of ['wait', 'cpu', 'stream']) {
          await page.run(
            `({ kind, targets }) => {
            for (const t of targets) {
              const field = window.__cross.find(t.kind);
              Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(field, kind);
              field.dispatchEvent(new Event('input', { bubbles: true }));
              field.dispatchEvent(new Event('change', { bubbles: true }));
              if (t.reset) window.__cross.find(t.reset).textContent = 'Ready';
              window.__cross.find(t.run).click();
            }
            return true;
          }`,
            { kind, targets },
          );
          for (const panel of panels) {
            const count = runs.get(panel.region) as { done: number; per: number };
            count.done += count.per;
          }
          await page.stallStarted(200);
          const outcomes = panels.map((panel) => page.region(panel.region).testId(panel.done));
          let seen: Array<string | null> = [];
          await page.waitFor(
            async () => {
              seen = await page.texts(outcomes);
              return panels.every((panel, i) =>
                panel.expect(kind, runs.get(panel.region)?.done ?? 0).test(seen[i] ?? ''),
              );
            },
            () => `every panel to finish its ${kind} task (last: ${JSON.stringify(seen)})`,
          );
        }
        for (const panel of panels)
          expect(await page.region(panel.region).testId(panel.status).text()).toMatch(
            /Longest stall \d+ ms/,
          );
        expect(await page.region(/Queue/).testId('queue-messages').text()).toMatch(/ 0 lost/);
        expect(
          await page
            .region(/Dedicated/)
            .testId('dedicated-updates')
            .text(),
        ).toMatch(/lost 0\b/);
        await noErrors();
      },
    );

    for (const duration of [300, 1000]) {
      partOne(`reports a ${duration} ms Blocking task within one frame plus 5 ms`, async () => {
        await fullPage();
        const frame = await frameInterval(page);
        const region = page.region(/Blocking/);
        await region.label('Task kind').fill('cpu');
        await region.label(/Duration/).fill(String(duration));
        // The browser's own record of the run: the User Timing measure the page sets around it.
        await page.run(`() => {
          window.__measures = [];
          if (!window.__measuring) {
            window.__measuring = true;
            new PerformanceObserver((list) => list.getEntries().forEach((e) => {
              if (e.name === 'two-loops:blocking-run')
                window.__measures.push({ start: e.startTime, end: e.startTime + e.duration });
            })).observe({ type: 'measure' });
          }
          return true;
        }`);
        await region.role('button', 'Run').click();
        await page.stallStarted(duration);
        const source = capabilities.has('longtask') ? 'long-task' : 'own marks';
        let measures: Array<{ start: number; end: number }> = [];
        await page.waitFor(async () => {
          measures = await page.run('() => window.__measures');
          return measures.length > 0;
        }, "the run's User Timing measure");
        const run = measures[measures.length - 1] as { start: number; end: number };
        const measured = run.end - run.start;
        // The listed stall around the run, once the engine's best source has refined it.
        const stall = await stallAround(page, run, (s) => s.text.includes(source));
        const lastRun = msAfter(await region.testId('blocking-status').text(), 'last run') ?? NaN;
        // The panel's own figure for the run, from the marks it sets around it.
        const held =
          msAfter(await region.testId('blocking-burst').text(), 'held the main thread for') ?? NaN;
        console.log(
          `${engine}: Blocking ${duration} ms: User Timing ${measured.toFixed(1)} ms, held ${held} ms, last run ${lastRun} ms, listed ${stall.duration} ms from ${source} (frame ${frame.toFixed(1)} ms)`,
        );
        // The task holds the thread for D; a machine so loaded that the OS takes the core away
        // mid-run makes it longer, and the browser's measure shows by how much. The panel reports
        // that run in every engine (the goal allows a frame + 5 ms; the two agree within 5).
        expect(measured).toBeGreaterThanOrEqual(duration - 1);
        // The panel's span wraps the measure (and the phase updates around it).
        expect(held).toBeGreaterThanOrEqual(Math.floor(measured) - 1);
        expect(held).toBeLessThanOrEqual(measured + frame + 5);
        if (source === 'own marks') {
          // Without long tasks the stall, and the panel's "last run", come from the same measure,
          // not from frame gaps.
          expect(Math.abs(stall.duration - measured)).toBeLessThanOrEqual(5);
          expect(Math.abs(lastRun - measured)).toBeLessThanOrEqual(5);
        } else {
          // Chromium's long task is the whole click task: the run, the click's dispatch and the
          // page's update after it; on a loaded machine other long tasks can join it inside the
          // same frame gap (370 ms more than the run, seen with three engines on two loaded
          // cores). Only a collapse fails here.
          expect(stall.duration).toBeGreaterThanOrEqual(measured - 1);
          expect(stall.duration).toBeLessThanOrEqual(measured + 2 * frame + 600);
          expect(lastRun).toBeGreaterThanOrEqual(measured - 1);
        }
        await noErrors();
      });
    }

    partOne(
      'reports a busy loop the page knows nothing about from frame gaps or long tasks, and says which',
      async () => {
        await fullPage();
        const frame = await frameInterval(page);
        await page.run(START_BUSY, 300);
        const span = await busyDone(page, 300);
        const longtask = capabilities.has('longtask');
        const stall = await stallAround(page, span, (s) =>
          longtask ? s.text.includes('long-task') : true,
        );
        console.log(
          `${engine}: a 300 ms busy loop shown as ${stall.duration} ms (frame ${frame.toFixed(1)} ms)`,
        );
        expect(stall.text).toContain(
          longtask ? "the browser's long-task entries" : 'the gap between frames',
        );
        // No strategy's code ran in it: without long tasks the page says it cannot tell whose it was.
        if (!longtask) expect(stall.text).toContain('cause unknown in this browser');
        expect(stall.duration).toBeGreaterThanOrEqual(299);
        // The goal is D + two frames + 5 ms (BENCHMARKS.md, section 8, measures it). With three
        // engines sharing two loaded cores, frame gaps and Chromium's merged long tasks around the
        // loop can exceed it by hundreds of ms, so the test only catches a collapse.
        expect(stall.duration).toBeLessThanOrEqual(300 + 2 * frame + 400);
        await noErrors();
      },
    );

    partOne('never counts a gap while the page is hidden as a stall', async () => {
      await fullPage();
      const setVisibility = `(state) => {
        Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
        document.dispatchEvent(new Event('visibilitychange'));
        return true;
      }`;
      const from = await page.run<number>('() => performance.now()');
      await page.run(setVisibility, 'hidden');
      // Hidden, the page draws nothing for 0.8 s (a busy loop stands in for the paused frames;
      // WebKitWebDriver drops a session whose page stays unresponsive much longer).
      await page.run(START_BUSY, 800);
      const hiddenSpan = await busyDone(page, 800);
      await page.run(setVisibility, 'visible');
      // Frames again (a new chain) before the control stall, or there is no gap to measure it by.
      await page.run(QUIET);
      // A stall made after it, once listed, shows the hidden gap had its chance to be listed.
      await page.run(START_BUSY, 300);
      await stallAround(page, await busyDone(page, 300));
      const all = await stalls(page);
      console.log(
        `${engine}: hidden test from ${from.toFixed(0)}, hidden loop ${JSON.stringify(hiddenSpan)}`,
      );
      expect(all.filter((s) => s.end > hiddenSpan.start && s.start < hiddenSpan.end)).toEqual([]);
      await noErrors();
    });

    partTwo(
      'keeps the stall chart drawing during a stall where the engine does, and says so where it cannot',
      async () => {
        await fullPage();
        const region = page.region(/Blocking/);
        await region.label('Task kind').fill('wait');
        await region.label(/Duration/).fill('1000');
        await region.role('button', 'Run').click();
        await page.stallStarted(1000);
        if (capabilities.has('offscreenCanvas')) {
          let text = '';
          await page.waitFor(async () => {
            text =
              (await stalls(page)).find(
                (s) => s.duration >= 1000 && /\d+ redraws? during it/.test(s.text),
              )?.text ?? '';
            return text !== '';
          }, "the chart's thread to report its redraws for the stall");
          const fps = Number(/\((\d+) per second\)/.exec(text)?.[1]);
          console.log(`${engine}: the monitor drew ${fps} frames per second during a 1 s stall`);
          // 60 per second on a quiet machine in Chromium and Firefox, under 10 in WebKitGTK on this
          // loaded one; a chart frozen with the page draws none.
          expect(fps).toBeGreaterThanOrEqual(3);
        } else {
          expect(await page.root().testId('monitor-fallback').text()).toMatch(
            /cannot move during a stall/,
          );
        }
        await noErrors();
      },
    );

    partTwo(
      'reports a probe click made during a stall as waiting until the stall ended',
      async () => {
        await fullPage();
        const frame = await frameInterval(page);
        const probe = page.root().role('button', 'Probe click');
        const point = await probe.point();
        await page.run(`() => {
        window.__clicks = [];
        document.addEventListener('click', (e) => window.__clicks.push({ at: e.timeStamp, handled: performance.now() }), { capture: true });
        return true;
      }`);
        const origin = await page.run<number>('() => performance.timeOrigin');
        // A driver whose input the browser stamps (Playwright's) gets a second, longer stall when a
        // loaded machine delivered its click only after the first had ended: a click made during
        // the stall is the test's precondition, not what it measures.
        const stallsToTry = driver.inputMadeInPage ? [600] : [600, 1500];
        for (const [attempt, ms] of stallsToTry.entries()) {
          await page.run('() => { window.__clicks = []; return true; }');
          await page.run(START_BUSY, ms);
          const sentAt = Date.now() - origin;
          await driver.click(point.x, point.y);
          const span = await busyDone(page, ms);
          let clicks: Array<{ at: number; handled: number }> = [];
          await page.waitFor(async () => {
            clicks = await page.run('() => window.__clicks');
            return clicks.length > 0;
          }, 'the click to be delivered');
          expect(clicks).toHaveLength(1);
          const click = clicks[0] as { at: number; handled: number };
          const row = page.root().css('.probe-table tbody tr');
          const waited = msAfter(`w ${await row.text()}`, 'click\\s*') ?? NaN;
          const during = click.at >= span.start && click.at <= span.end;
          console.log(
            `${engine}: probe click sent ${(sentAt - span.start).toFixed(0)} ms and stamped ${(click.at - span.start).toFixed(0)} ms into a ${ms} ms stall, handled ${(click.handled - span.end).toFixed(0)} ms after it; shown as waiting ${waited} ms`,
          );
          if (!during && attempt < stallsToTry.length - 1) continue;
          // In every engine: the click is delivered once, after the stall, and the probe's figure
          // is the wait from the event's time stamp to its handler. click.handled is read by the
          // test's capture listener, before the page's own listeners run (tens of ms later on a
          // loaded machine), so only a collapse of the figure fails.
          expect(click.handled).toBeGreaterThanOrEqual(span.end);
          expect(Math.abs(click.at + waited - click.handled)).toBeLessThanOrEqual(frame + 100);
          if (during) {
            // Stamped during the stall (Chromium: Playwright's input is stamped by the browser when
            // it arrives, as a reader's click is): the probe shows it waiting until the stall ended.
            expect(click.at + waited).toBeGreaterThanOrEqual(span.end - frame);
            expect(click.handled).toBeLessThanOrEqual(span.end + frame + 250);
          } else {
            // Firefox over WebDriver BiDi and WebKitGTK over classic WebDriver create the click
            // inside the page, once its thread is free: it is stamped after the stall, so a wait
            // through a stall cannot be driven there (README, "Browser support"). What can be
            // checked is above, and that the probe invents no wait: less than the stall.
            expect(driver.inputMadeInPage).toBe(true);
            expect(click.at).toBeGreaterThanOrEqual(span.end - 1);
            expect(waited).toBeLessThan(ms);
          }
          break;
        }
        await noErrors();
      },
    );

    // In Chromium the end-to-end suite runs the same audit, in light and dark (tests/e2e/a11y.spec.ts).
    // Here the code views' token lines are left out (the code views themselves are audited): they
    // are thousands of nodes whose colours are the same CSS in every engine and are checked there,
    // and with them the audit took WebKitGTK past a minute on a loaded machine.
    (engine === 'chromium' ? it.skip : partTwo)('has no axe violation', async () => {
      await fullPage();
      const violations = await page.run<string[]>(
        `(src) => { if (!window.axe) (0, eval)(src);
          return window.axe.run({ exclude: [['pre > code']] }, { resultTypes: ['violations'] }).then((r) =>
            r.violations.map((v) => v.id + ': ' + v.help + ' — ' + v.nodes.map((n) => n.target.join(' ')).join(', ')));
        }`,
        AXE,
      );
      expect(violations).toEqual([]);
    });

    partTwo('Copy link copies a link that reproduces the panel as set', async () => {
      await fullPage();
      const queue = page.region(/Queue/);
      await queue.label('Task kind').fill('stream');
      await queue.label(/Duration/).fill('900');
      await queue.label(/Poll interval/).fill('120');
      // The clipboard needs a permission no driver grants alike: record what the page writes.
      await page.run(`() => {
        const writeText = async (text) => { window.__copied = text; };
        Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText } });
        return true;
      }`);
      // Copy link sits in the panel's share menu, closed until opened.
      await queue.testId('share-menu').click();
      await queue.role('button', 'Copy link').click();
      await queue.waitForText(/Link copied/);
      const link = await page.run<string>('() => window.__copied');
      expect(link.startsWith(site)).toBe(true);
      current = null;
      await page.open(link);
      const again = page.region(/Queue/);
      await page.waitFor(() => again.label(/Poll interval/).exists(), 'the Queue panel');
      // Loaded in full before the next test navigates away: on a loaded machine Firefox twice
      // reported a chunk's stylesheet as failed to preload in the page that came next ("Unable
      // to preload CSS"); the same pages opened alone never did.
      await settled(page);
      expect(await again.label('Task kind').value()).toBe('stream');
      expect(await again.label(/Duration/).value()).toBe('900');
      expect(await again.label(/Poll interval/).value()).toBe('120');
      await noErrors();
    });

    partTwo(
      "embeds: a theme message applies, and the host sizes its frame from the panel's height message",
      async () => {
        current = null;
        // The embed in a same-origin frame, where the test can read inside it: it loads without
        // error, its height messages arrive, and a theme message from its parent applies.
        const embed = `${site}embed.html?panel=queue&embed=1`;
        await page.open(embed);
        await page.run(
          `(src) => {
        window.__heights = [];
        addEventListener('message', (e) => { if (e.data && e.data.type === 'two-loops:resize') window.__heights.push(e.data.height); });
        const frame = document.createElement('iframe');
        frame.id = 'embedded';
        frame.src = src;
        frame.style.cssText = 'width: 800px; height: 600px';
        document.body.append(frame);
        return true;
      }`,
          embed,
        );
        await page.waitFor(
          async () => (await page.run<number[]>('() => window.__heights')).some((h) => h > 100),
          'a height message',
        );
        const theme =
          '() => document.getElementById("embedded").contentDocument.documentElement.dataset.theme';
        await page.waitFor(async () => {
          await page.run(
            `() => { document.getElementById('embedded').contentWindow.postMessage({ type: 'two-loops:theme', theme: 'dark' }, '*'); return true; }`,
          );
          return (await page.run<string>(theme)) === 'dark';
        }, 'the dark theme');
        const inner = await page.run<string[]>(
          '() => document.getElementById("embedded").contentWindow.__twoLoopsErrors',
        );
        expect(inner).toEqual([]);
        await noErrors();
        // The tutorial page on another origin, as a host would embed it. It starts the frame at
        // 600 px; the panel is taller, and the host follows what it reports.
        await page.open(`${host}host.html?app=${encodeURIComponent(site)}`);
        const frame = 'iframe[title="Two Loops: Queue + polling"]';
        await page.waitFor(
          () =>
            page.run<boolean>(
              `(sel) => document.querySelector(sel).getBoundingClientRect().height > 600`,
              frame,
            ),
          'the host to size its frame from the height message',
        );
        // The host page keeps no error list of its own; the driver's log is all there is.
        expect(await page.errors(false)).toEqual([]);
      },
    );

    partTwo(
      "guest mode: no idle wake-ups, both counters tick through a dialog, and the comparison keeps each mode's column",
      async () => {
        await fullPage();
        const panel = page.region(/One thread/);
        const comparison = page.region('Comparison');
        const column = (id: string) => comparison.css(`th[data-strategy="${id}"]`);
        await panel.label('Task kind').fill('wait');
        await panel.label(/Duration/).fill('300');
        // A polling run, then a guest-mode run: each fills its own column.
        await panel.role('button', 'Run').click();
        await panel.testId('one-thread-output').waitForText(/^waited 300 ms$/);
        await panel.role('radio', /guest mode/).click();
        await panel.testId('one-thread-status').waitForText(/^Longest stall \d+ ms$/);
        await panel.role('button', 'Run').click();
        await panel.testId('one-thread-output').waitForText(/^waited 300 ms$/);
        for (const id of ['one-thread-polling', 'one-thread-guest'])
          await page.waitFor(
            async () => !/not measured/.test(await column(id).text()),
            `the ${id} column to have figures`,
          );
        // Idle in guest mode: the helper waits with no deadline, and the main thread never wakes.
        const idle = await panel.testId('one-thread-idle').waitForText(/wakes [\d.]+ times/);
        expect(Number(/wakes ([\d.]+) times/.exec(idle)?.[1])).toBeLessThan(1);
        // A 2.5 s dialog: Tk's nested loop serves the helper's hand-offs, so neither counter stops
        // for the dialog's length (polling's asyncio counter would: a gap of 2.5 s or more). The
        // bound only catches that collapse; a loaded machine can stretch one gap past a second.
        await panel.label(/Dialog/).fill('2500');
        await panel.role('button', 'Open a modal dialog').click();
        const trio = await panel
          .testId('one-thread-asyncio-counter')
          .waitForText(/longest gap/, 30_000);
        const tk = await panel.testId('one-thread-tk-counter').waitForText(/longest gap/);
        expect(msAfter(trio, 'longest gap')).toBeLessThan(2000);
        expect(msAfter(tk, 'longest gap')).toBeLessThan(2000);
        // Back to polling: its figures were kept.
        await panel.role('radio', /polling/).click();
        await panel.testId('one-thread-status').waitForText(/during its tasks/);
        await noErrors();
      },
    );
  });
}

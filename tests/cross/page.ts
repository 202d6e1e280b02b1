import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Driver } from './drivers/types';

const require = createRequire(import.meta.url);
/** Testing Library's DOM queries: getByRole with the accessible name computed as the spec says. */
const TESTING_LIBRARY = readFileSync(
  require.resolve('@testing-library/dom/dist/@testing-library/dom.umd.min.js'),
  'utf8',
);
/** axe-core, already a dependency through @axe-core/playwright, for the same audit in every engine. */
export const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

type Name = string | { source: string; flags: string };
export type Step =
  { role: string; name?: Name } | { label: Name } | { testId: string } | { css: string };

/** Runs in the page: an element's text, whitespace collapsed (see Locator.text). */
const TEXT = "(el) => el.textContent.replace(/\\s+/g, ' ').trim()";

/** Runs in the page: scrolls an element to the middle of the view, after two frames reads its centre. */
const POINT = `(el) => new Promise((resolve) => {
  el.scrollIntoView({ block: 'center', inline: 'center' });
  let last = null, still = 0, frames = 0;
  const frame = () => {
    const r = el.getBoundingClientRect();
    const x = Math.round(r.left + r.width / 2), y = Math.round(r.top + r.height / 2);
    const at = document.elementFromPoint(x, y);
    const hit = at !== null && (at === el || el.contains(at));
    still = last && last.x === x && last.y === y ? still + 1 : 0;
    last = { x, y, hit };
    if ((still >= 2 && hit) || ++frames > 120) resolve({ ...last, still: still >= 2 });
    else requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})`;

/** Runs in the page: installs the queries once per document. */
const INSTALL = `(src) => {
  if (!window.__cross) {
    (0, eval)(src);
    const TL = window.TestingLibraryDom;
    const matcher = (n) => n === undefined ? undefined : typeof n === 'string' ? n : new RegExp(n.source, n.flags);
    window.__cross = {
      find(steps) {
        let root = document.body;
        for (const step of steps) {
          let found;
          if ('role' in step) found = TL.queryAllByRole(root, step.role, { name: matcher(step.name), hidden: true });
          else if ('label' in step) found = TL.queryAllByLabelText(root, matcher(step.label));
          else if ('testId' in step) found = TL.queryAllByTestId(root, step.testId);
          else found = Array.from(root.querySelectorAll(step.css));
          if (found.length === 0) return null;
          root = found[0];
        }
        return root;
      },
    };
  }
  return true;
}`;

function asName(name: string | RegExp): Name {
  return typeof name === 'string' ? name : { source: name.source, flags: name.flags };
}

export class Locator {
  constructor(
    readonly page: CrossPage,
    readonly steps: Step[],
  ) {}

  #with(step: Step): Locator {
    return new Locator(this.page, [...this.steps, step]);
  }
  role(role: string, name?: string | RegExp): Locator {
    return this.#with(name === undefined ? { role } : { role, name: asName(name) });
  }
  label(name: string | RegExp): Locator {
    return this.#with({ label: asName(name) });
  }
  testId(testId: string): Locator {
    return this.#with({ testId });
  }
  css(css: string): Locator {
    return this.#with({ css });
  }

  /** Runs `body` (a function of the element and `arg`) in the page; null when nothing matches. */
  async on<T>(body: string, arg: unknown = null): Promise<T | null> {
    return this.page.query<T>(this.steps, body, arg);
  }

  async exists(): Promise<boolean> {
    return (await this.on<boolean>('() => true')) === true;
  }
  /**
   * The element's text, whitespace collapsed. From textContent, not innerText: a panel scrolled
   * away is skipped by the browser's rendering (`content-visibility: auto`), and innerText of a
   * skipped subtree reads as empty in some engines.
   */
  async text(): Promise<string> {
    return this.#must(await this.on<string>(TEXT));
  }
  async value(): Promise<string> {
    return this.#must(await this.on<string>('(el) => el.value'));
  }
  async attribute(name: string): Promise<string | null> {
    return this.on<string>('(el, name) => el.getAttribute(name)', name);
  }
  /** Sets a field's value as typing would (input and change events), then leaves it. */
  async fill(value: string): Promise<void> {
    await this.page.waitFor(
      async () =>
        (await this.on(
          `(el, value) => {
            const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
            Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, value);
            el.dispatchEvent(new Event('input', { bubbles: true }));
            el.dispatchEvent(new Event('change', { bubbles: true }));
            return true;
          }`,
          value,
        )) === true,
      `${this.describe()} to exist`,
    );
  }
  /** A real click at the element's centre, after scrolling it into the middle of the view. */
  async click(): Promise<void> {
    const point = await this.point();
    await this.page.driver.click(point.x, point.y);
  }
  /**
   * The element's centre in the viewport, once it is scrolled into the middle of the view, has
   * held still for two frames and is what a click there would hit. Sections above it that the
   * browser skipped while off screen (`content-visibility: auto`) take their real height when
   * scrolled past, and a chunk can mount meanwhile: a point read at once can land elsewhere.
   */
  async point(): Promise<{ x: number; y: number }> {
    // One round trip in the usual case: the page itself waits for the frames (WebKitWebDriver's
    // round trips are slow on a loaded machine).
    let last: { x: number; y: number; hit: boolean; still: boolean } | null = null;
    await this.page.waitFor(
      async () => {
        last = await this.on(POINT);
        return last !== null && last.hit && last.still;
      },
      () =>
        `${this.describe()} to hold still where a click reaches it (last: ${JSON.stringify(last)})`,
    );
    const { x, y } = last as unknown as { x: number; y: number };
    return { x, y };
  }
  async waitForText(pattern: RegExp, timeoutMs?: number): Promise<string> {
    let last = '';
    await this.page.waitFor(
      async () => {
        last = (await this.on<string>(TEXT)) ?? '';
        return pattern.test(last);
      },
      () => `${this.describe()} to match ${pattern} (last: ${JSON.stringify(last.slice(0, 300))})`,
      timeoutMs,
    );
    return last;
  }
  describe(): string {
    return this.steps.map((s) => JSON.stringify(s)).join(' › ');
  }
  #must<T>(value: T | null): T {
    if (value === null) throw new Error(`not found: ${this.describe()}`);
    return value;
  }
}

/** A page in any engine, through any driver. */
export class CrossPage {
  constructor(readonly driver: Driver) {}

  async open(url: string): Promise<void> {
    await this.driver.open(url);
    await this.driver.run(INSTALL, TESTING_LIBRARY);
  }
  run<T>(source: string, arg?: unknown): Promise<T> {
    return this.driver.run<T>(source, arg);
  }
  root(): Locator {
    return new Locator(this, []);
  }
  region(name: string | RegExp): Locator {
    return this.root().role('region', name);
  }

  /** Each locator's text as Locator.text reads it (null where nothing matches), in one round trip. */
  async texts(locators: Locator[]): Promise<Array<string | null>> {
    const found = await this.run<Array<string | null> | null>(
      `(all) => window.__cross ? all.map((steps) => { const el = window.__cross.find(steps); return el ? (${TEXT})(el) : null; }) : null`,
      locators.map((l) => l.steps),
    );
    if (found === null) {
      await this.driver.run(INSTALL, TESTING_LIBRARY);
      return locators.map(() => null);
    }
    return found;
  }

  /** Whether every locator finds an element, in one round trip. */
  async allExist(locators: Locator[]): Promise<boolean> {
    const found = await this.run<boolean | null>(
      `(all) => window.__cross ? all.every((steps) => window.__cross.find(steps) !== null) : null`,
      locators.map((l) => l.steps),
    );
    if (found === null) await this.driver.run(INSTALL, TESTING_LIBRARY);
    return found === true;
  }

  async query<T>(steps: Step[], body: string, arg: unknown): Promise<T | null> {
    // Synchronous unless the body returns a promise: a driver answers a plain value sooner.
    const script = `({ steps, arg }) => {
      if (!window.__cross) return { missing: true };
      const el = window.__cross.find(steps);
      if (!el) return null;
      const value = (${body})(el, arg);
      return value && typeof value.then === 'function'
        ? value.then((v) => ({ value: v ?? null }))
        : { value: value ?? null };
    }`;
    let result = await this.driver.run<{ missing?: true; value?: T } | null>(script, {
      steps,
      arg,
    });
    if (result?.missing) {
      // The page navigated by itself (a reload): queries are installed again.
      await this.driver.run(INSTALL, TESTING_LIBRARY);
      result = await this.driver.run(script, { steps, arg });
    }
    return result ? ((result.value ?? null) as T | null) : null;
  }

  /**
   * Every error the page recorded itself (window.__twoLoopsErrors) and the driver saw. A
   * "ResizeObserver loop" report is not among them (src/app/page-errors.ts says why): the page
   * counts those apart, and they are printed here so that a page that loops shows in the log.
   */
  async errors(own = true): Promise<string[]> {
    const list = own
      ? await this.run<string[]>('() => window.__twoLoopsErrors ?? ["the page kept no error list"]')
      : [];
    const native = this.driver.nativeErrors().filter((e) => !/ResizeObserver loop/.test(e));
    const loops =
      (own ? await this.run<number>('() => window.__twoLoopsResizeLoops ?? 0') : 0) +
      this.driver.nativeErrors().length -
      native.length;
    if (loops > 0)
      console.log(
        `${this.driver.engine}: ${loops} ResizeObserver loop report(s), deferred a frame`,
      );
    return [...list, ...native];
  }

  /**
   * Called right after starting a stall of `ms` that the test caused: with a driver that drops
   * hung pages, the stall is let run out before the next command. That is the driver's limit, not
   * a timing assumption: nothing measured depends on this wait.
   */
  async stallStarted(ms: number): Promise<void> {
    if (this.driver.dropsHungPages) await new Promise((resolve) => setTimeout(resolve, ms + 100));
  }

  /** Awaits a condition, checked every 100 ms; fails with `what` after the timeout. */
  async waitFor(
    check: () => Promise<boolean>,
    what: string | (() => string),
    timeoutMs = 20_000,
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let failure: unknown = null;
    for (;;) {
      try {
        if (await check()) return;
      } catch (error) {
        // A poll can fail while the page is between states (WebKitWebDriver: "Could not parse
        // script result" while a frame loads); the next poll decides, and a lasting failure is
        // reported with the timeout.
        failure = error;
      }
      if (Date.now() > deadline)
        throw new Error(
          `timed out waiting for ${typeof what === 'string' ? what : what()}${failure ? ` (a poll failed: ${String(failure)})` : ''}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

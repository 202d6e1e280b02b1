// DevTools traces through the Chrome DevTools Protocol, and the figures the benchmarks read from
// them: main-thread busy time, script time, frames.

export async function trace(
  page,
  action,
  categories = 'devtools.timeline,disabled-by-default-devtools.timeline',
) {
  const cdp = await page.context().newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  await cdp.send('Tracing.start', { categories, transferMode: 'ReportEvents' });
  try {
    await action();
  } finally {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    await cdp.detach();
  }
  return events;
}

export function threadKeys(events, name) {
  const keys = new Set();
  for (const e of events)
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === name)
      keys.add(`${e.pid}:${e.tid}`);
  return keys;
}

/**
 * The main threads of the renderers that loaded a page over http(s): the page measured, and not
 * Chromium's own WebUI pages (chrome://, a new-tab or omnibox page), whose renderer can run in the
 * same trace and whose module evaluations once passed for the page's own long tasks.
 */
export function pageMainThreads(events) {
  const main = threadKeys(events, 'CrRendererMain');
  const pages = new Set();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (!main.has(key) || pages.has(key)) continue;
    const url = e.args?.data?.url;
    if (typeof url === 'string' && /^https?:/.test(url)) pages.add(key);
  }
  return pages;
}

const SCRIPT = new Set([
  'FireAnimationFrame',
  'TimerFire',
  'FunctionCall',
  'EventDispatch',
  'RunMicrotasks',
  'FireIdleCallback',
]);

/** Sums the durations of events on `keys` threads, counting nested events of the set only once. */
function unionMs(events, keys, names) {
  const list = events
    .filter((e) => e.ph === 'X' && names.has(e.name) && keys.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts);
  let total = 0;
  let end = -Infinity;
  for (const e of list) {
    const stop = e.ts + (e.dur ?? 0);
    if (e.ts >= end) {
      total += e.dur ?? 0;
      end = stop;
    } else if (stop > end) {
      total += stop - end;
      end = stop;
    }
  }
  return total / 1000;
}

/**
 * Per-frame main-thread cost over a trace of an idle page, in ms: busy (wall) time, thread time and
 * script time, each divided by the frames the page ran.
 */
export function mainThreadCost(events) {
  const main = pageMainThreads(events);
  const frames = events.filter(
    (e) => e.name === 'FireAnimationFrame' && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`),
  ).length;
  const busy = unionMs(events, main, new Set(['RunTask']));
  const script = unionMs(events, main, SCRIPT);
  // Thread time (`tdur`) of the same tasks: what they cost the thread itself, which does not grow
  // when another process holds the core.
  // Outermost tasks only: a task run inside another (a nested run loop) is in its parent's time.
  let cpu = 0;
  let end = -Infinity;
  for (const e of events
    .filter((e) => e.ph === 'X' && e.name === 'RunTask' && main.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts)) {
    if (e.ts < end) continue;
    cpu += (e.tdur ?? e.dur ?? 0) / 1000;
    end = e.ts + (e.dur ?? 0);
  }
  return {
    frames,
    busyPerFrame: frames ? busy / frames : 0,
    cpuPerFrame: frames ? cpu / frames : 0,
    scriptPerFrame: frames ? script / frames : 0,
  };
}

export function longestTask(events) {
  const main = pageMainThreads(events);
  let longest = 0;
  for (const e of events) {
    if (e.name === 'RunTask' && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`))
      longest = Math.max(longest, e.dur / 1000);
  }
  return longest;
}

/**
 * The thread CPU time (ms, the trace's `tdur`) of every main-thread task of the page after its
 * first contentful paint, longest first. Unlike a task's wall time (what long-task entries report),
 * it does not grow when other processes take the CPU: on a shared 2-core machine, it is the page's
 * own work.
 */
export function ownTaskCpuAfterFirstPaint(events) {
  const main = pageMainThreads(events);
  const fcp = events.find(
    (e) => e.name === 'firstContentfulPaint' && main.has(`${e.pid}:${e.tid}`),
  );
  return events
    .filter(
      (e) =>
        e.ph === 'X' &&
        e.name === 'RunTask' &&
        main.has(`${e.pid}:${e.tid}`) &&
        e.ts >= (fcp?.ts ?? 0),
    )
    .map((e) => (e.tdur ?? e.dur ?? 0) / 1000)
    .sort((a, b) => b - a);
}

/**
 * Keeps the page's own list of uncaught errors and unhandled rejections on `globalThis`, for the
 * cross-browser tests: classic WebDriver (WebKitGTK) has no console log to read. Imported first by
 * main.ts, so it is listening before the app's modules run. Bounded; strings only.
 *
 * "ResizeObserver loop completed with undelivered notifications" is kept apart, in
 * `__twoLoopsResizeLoops`: the Resize Observer spec reports it as an error event when a layout
 * change leaves observations for the next frame, which then delivers them. Nothing was thrown
 * (the event has no `error`) and nothing is lost, so it is not an uncaught error; the tests still
 * read and print the count, so a page that loops every frame would show.
 */
declare global {
  var __twoLoopsErrors: string[] | undefined;
  var __twoLoopsResizeLoops: number | undefined;
}

const errors: string[] = (globalThis.__twoLoopsErrors ??= []);
globalThis.__twoLoopsResizeLoops ??= 0;
const keep = (text: string) => {
  if (errors.length < 50) errors.push(text);
};
addEventListener('error', (event) => {
  if (event.error == null && /^ResizeObserver loop/.test(event.message)) {
    globalThis.__twoLoopsResizeLoops = (globalThis.__twoLoopsResizeLoops ?? 0) + 1;
    return;
  }
  keep(`uncaught: ${event.message}`);
});
addEventListener('unhandledrejection', (event) =>
  keep(`unhandled rejection: ${String(event.reason)}`),
);

export {};

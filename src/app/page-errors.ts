/**
 * Keeps the page's own list of uncaught errors and unhandled rejections on `globalThis`, for the
 * cross-browser tests: classic WebDriver (WebKitGTK) has no console log to read. Imported first by
 * main.ts, so it is listening before the app's modules run. Bounded; strings only.
 */
declare global {
  var __twoLoopsErrors: string[] | undefined;
}

const errors: string[] = (globalThis.__twoLoopsErrors ??= []);
const keep = (text: string) => {
  if (errors.length < 50) errors.push(text);
};
addEventListener('error', (event) => keep(`uncaught: ${event.message}`));
addEventListener('unhandledrejection', (event) =>
  keep(`unhandled rejection: ${String(event.reason)}`),
);

export {};

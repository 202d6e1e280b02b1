// Check your code: paste, check, read a finding and follow it to the page's evidence.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { watchForErrors } from './support/page';

const SNIPPET = `import asyncio
import tkinter as tk

async def fetch():
    await asyncio.sleep(1)

def on_click():
    asyncio.run(fetch())

root = tk.Tk()
tk.Button(root, text="Fetch", command=on_click).pack()
root.mainloop()
`;

test('a pasted snippet is checked in a worker; the finding names its line and links to the evidence', async ({
  page,
}) => {
  const errors = watchForErrors(page);
  await page.goto('./');
  const section = page.getByRole('region', { name: 'Check your code' });
  await section.scrollIntoViewIfNeeded();
  const box = section.getByLabel(/Your Python/);
  await box.fill(SNIPPET);
  await section.getByRole('button', { name: 'Check' }).click();
  const finding = section.getByRole('heading', {
    name: 'Line 8: asyncio.run() on the Tk thread, inside a callback',
  });
  await expect(finding).toBeVisible();
  await expect(section.getByRole('status')).toHaveText(/1 finding/);
  // Nothing else: fixed by a loop thread, the same code gets the plain answer, from the keyboard.
  await box.fill(SNIPPET.replace('asyncio.run(fetch())', 'print("clicked")'));
  await box.press('Control+Enter');
  await expect(section.getByRole('status')).toHaveText(
    'Nothing we know of freezes or crashes here.',
  );
  await box.fill(SNIPPET);
  await box.press('Control+Enter');
  await section.getByRole('link', { name: /asyncio.run\(\) inside a button’s command/ }).click();
  await expect(page).toHaveURL(/#mistake-asyncio-run-title$/);
  await expect(page.locator('#mistake-asyncio-run-title')).toBeInViewport();
  expect(errors).toEqual([]);
});

/** The line of a mistake file that makes `call` and is marked as the mistake, as it reads now. */
function blockingLine(file: string, call: string): { line: number; text: string } {
  const lines = readFileSync(file, 'utf8').split('\n');
  const index = lines.findIndex((l) => l.includes(call) && l.includes('# MISTAKE'));
  return { line: index + 1, text: (lines[index] ?? '').trim() };
}

test('the freeze finder shows, from its real-Tk recording, the line it named in each mistake', async ({
  page,
}) => {
  const errors = watchForErrors(page);
  await page.goto('./');
  const section = page.getByRole('region', { name: 'Find the freeze in your running app' });
  await section.scrollIntoViewIfNeeded();
  // The recording loads once the section is near the viewport: sections above it that load as
  // the page scrolls past can push it away again, so scroll until it is in.
  const meta = section.getByTestId('tk-meta');
  await expect(async () => {
    await section.getByRole('heading', { name: 'Recorded under real Tk' }).scrollIntoViewIfNeeded();
    await expect(meta).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  const shown = [
    ['a blocking call in a command', 'blocking_call_in_command.py', 'time.sleep(1)'],
    [
      'waiting for a future inside a Tk callback',
      'wait_on_future_in_callback.py',
      'future.result()',
    ],
  ] as const;
  for (const [title, file, call] of shown) {
    const { line, text } = blockingLine(`python/mistakes/${file}`, call);
    const printed = section.getByLabel(`What the watchdog printed against ${title}`);
    await expect(printed).toContainText(`python/mistakes/${file}", line ${line}, in`);
    await expect(printed).toContainText(text);
    // The printout scrolls sideways from the keyboard.
    await printed.focus();
    await expect(printed).toBeFocused();
  }
  await expect(meta).toContainText('Tcl/Tk');
  expect(errors).toEqual([]);
});

test('the freeze finder is offered to copy or download, after the checker', async ({ page }) => {
  const errors = watchForErrors(page);
  await page.goto('./');
  const section = page.getByRole('region', { name: 'Find the freeze in your running app' });
  await section.scrollIntoViewIfNeeded();
  await section.locator('summary').click();
  await expect(section.getByRole('button', { name: 'Download freeze_finder.py' })).toBeVisible();
  await expect(section.getByText('def watch_tk(', { exact: false })).toBeVisible();
  expect(errors).toEqual([]);
});

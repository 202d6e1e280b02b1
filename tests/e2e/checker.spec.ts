// Check your code: paste, check, read a finding and follow it to the page's evidence.
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

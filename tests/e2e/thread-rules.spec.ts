// The thread rules follow the mistakes: each rule with its evidence, the recorded figures read from
// the traces the page loads.
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { watchForErrors } from './support/page';

const rules = JSON.parse(readFileSync('python/thread-rules.json', 'utf8')) as { rules: unknown[] };

test('which thread may call what: every rule, its evidence and the recorded figures', async ({
  page,
}) => {
  const errors = watchForErrors(page);
  await page.goto('./');
  const section = page.getByRole('region', { name: 'What goes wrong' });
  await section.scrollIntoViewIfNeeded();
  const list = section.getByRole('region', { name: 'Which thread may call what' });
  await expect(list).toBeVisible({ timeout: 30_000 });
  await expect(list.locator('li[data-rule]')).toHaveCount(rules.rules.length);
  await expect(list).toContainText("root.tk.eval('set tcl_platform(threaded)')");
  // A recorded figure arrives with its trace: the forwarded call made while Tk sat in mainloop().
  await expect(list.locator('li[data-rule="forwarded-while-in-mainloop"] strong')).toHaveText(
    /^[\d.,]+\s+ms$/,
  );
  // Each rule's evidence is one click away, its summary saying what it holds.
  const rule = list.locator('li[data-rule="forwarded-while-in-mainloop"]');
  const summary = rule.getByText(/^Evidence: \d+ recordings?, \d+ sources?$/);
  await expect(rule.getByRole('link')).toHaveCount(0);
  await summary.click();
  await expect(
    list.locator('li[data-rule="forwarded-while-in-mainloop"]').getByRole('link', {
      name: /Modules\/_tkinter\.c, Tkapp_Call/,
    }),
  ).toHaveAttribute('href', /github\.com\/python\/cpython\/blob\/main\/Modules\/_tkinter\.c/);
  expect(errors).toEqual([]);
});

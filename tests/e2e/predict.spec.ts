// Predict, then run: each strategy panel asks one question before its first Run; the reader
// answers (or skips), and the run answers back with the figure it measured.
import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { msAfter, watchForErrors } from './support/page';

const region = (page: import('@playwright/test').Page, name: RegExp) =>
  page.getByRole('region', { name }).first();

for (const theme of ['light', 'dark'] as const)
  test(`the Blocking panel asks, the reader answers by keyboard, and the run names what it measured, ${theme}`, async ({
    page,
  }) => {
    const errors = watchForErrors(page);
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(`./?panel=blocking&kind=wait&duration=200&theme=${theme}`);
    const panel = region(page, /^Blocking/);
    const question = panel.getByRole('group', { name: /How many times does the command run/ });
    await question.getByRole('radio', { name: 'Once' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(question.getByRole('radio', { name: 'Four times' })).toBeChecked();
    await panel.getByRole('button', { name: 'Run', exact: true }).click();

    await expect(question).toHaveCount(0);
    const reveal = panel.getByTestId('blocking-reveal');
    await expect(reveal).toContainText(
      /^You said “Four times”; the command ran once: no click arrived while its run held this page, your Tk window's stand-in, frozen \([\d,]+ ms\)/,
    );
    // The figure it names is the run the panel measured, not a figure of its own.
    const said = msAfter(await reveal.innerText(), 'frozen \\(');
    const measured = msAfter(
      await panel.getByTestId('blocking-burst').innerText(),
      'held the main thread for',
    );
    expect(said).not.toBeNull();
    expect(said).toBe(measured);
    // The question was audited with the whole page (a11y.spec.ts); the answer is audited here.
    const { violations } = await new AxeBuilder({ page })
      .include('#blocking .panel-status')
      .analyze();
    expect(violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    expect(errors).toEqual([]);
  });

test('Skip puts the Dedicated panel’s question away; the Queue panel’s run answers its question', async ({
  page,
}) => {
  const errors = watchForErrors(page);
  await page.goto('./?panel=dedicated&duration=200');
  const dedicated = region(page, /^Dedicated/);
  const question = dedicated.getByRole('group', { name: /When is the last one done/ });
  await question.getByRole('button', { name: 'Skip' }).click();
  await expect(question).toHaveCount(0);
  await expect(dedicated.getByRole('button', { name: 'Run', exact: true })).toBeFocused();

  const queue = region(page, /^Queue/);
  const spinner = queue.getByRole('group', { name: /spinner standing in for your Tk thread/ });
  await spinner.getByRole('radio', { name: 'It keeps turning' }).check();
  await queue.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(queue.getByTestId('queue-reveal')).toContainText(
    /^You said “It keeps turning”; (it kept turning|this strategy never stopped it|it stopped for up to [\d,]+ ms)/,
  );

  await dedicated.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(dedicated.getByTestId('dedicated-status')).toContainText('Longest stall');
  await expect(dedicated.getByTestId('dedicated-tally')).toContainText('1 done');
  await expect(dedicated.getByTestId('dedicated-reveal')).toBeEmpty();
  expect(errors).toEqual([]);
});

test('no recording gives a question away: each stays closed until its panel is answered, skipped or run, in both One thread modes', async ({
  page,
}) => {
  const errors = watchForErrors(page);
  await page.goto('./?kind=wait&duration=200');
  const recording = (id: string) => page.locator(`#${id} details[data-part="recording"]`);
  const ids = ['blocking', 'queue', 'dedicated', 'one-thread'];
  for (const id of ids) {
    await expect(recording(id)).toHaveAttribute('data-held', '');
    await expect(recording(id)).not.toHaveAttribute('open');
    await expect(recording(id).locator('summary')).toContainText('opens once you answer');
    // Nothing of it on the page meanwhile: its figures mount when it opens.
    await expect(recording(id).locator('.part-body')).toHaveCount(0);
  }
  // Answered: Blocking's opens by itself, without a run.
  await region(page, /^Blocking/)
    .getByRole('radio', { name: 'Four times' })
    .check();
  await expect(recording('blocking')).toHaveAttribute('open', '');
  await recording('blocking').scrollIntoViewIfNeeded();
  await expect(recording('blocking')).toContainText('during the freeze');
  // Skipped: Queue's opens.
  await page.getByTestId('queue-predict').getByRole('button', { name: 'Skip' }).click();
  await expect(recording('queue')).toHaveAttribute('open', '');
  // Run without answering: Dedicated's opens.
  await region(page, /^Dedicated/)
    .getByRole('button', { name: 'Run', exact: true })
    .click();
  await expect(recording('dedicated')).toHaveAttribute('open', '');
  // One thread: polling's opens once answered; guest mode asks its own question, and its
  // recording waits for that one.
  const oneThread = region(page, /^One thread/);
  await oneThread.getByTestId('one-thread-predict').getByRole('radio').first().check();
  await expect(recording('one-thread')).toHaveAttribute('open', '');
  await oneThread.getByRole('radio', { name: /guest mode/ }).check();
  await expect(recording('one-thread')).not.toHaveAttribute('open');
  await expect(recording('one-thread')).toHaveAttribute('data-held', '');
  await oneThread.getByTestId('one-thread-predict').getByRole('radio').first().check();
  await expect(recording('one-thread')).toHaveAttribute('open', '');
  await expect(recording('one-thread').getByTestId('tk-recording-one-thread-guest')).toBeVisible();
  expect(errors).toEqual([]);
});

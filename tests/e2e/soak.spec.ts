// The soak's 60-second form (`npm run soak` runs it for as long as asked). Its checks are heap
// growth, workers and errors, not timings, so it runs beside the other functional specs rather
// than alone with the timed ones (a minute of CI).
import { expect, test } from '@playwright/test';
import { soak } from '../../scripts/soak.mjs';

test('60 s of streams in every panel: no heap growth, no leaked worker, no error', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const lines: string[] = [];
  const result = await soak(page, {
    url: baseURL as string,
    seconds: 60,
    log: (line) => lines.push(line),
  });
  test.info().annotations.push({ type: 'soak', description: lines.join('\n') });
  for (const check of result.checks)
    expect(check.ok, `${check.name}\n${(check.detail ?? []).join('\n')}`).toBe(true);
});

import { expect, test } from '@playwright/test';
import { openApp } from './helpers';

test('open a lesson and complete it by doing its steps', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = await openApp(page, { editor: false });
  await page.getByRole('tab', { name: 'Lessons' }).click();
  await page.getByRole('list', { name: 'Lesson list' }).getByRole('button', { name: /Scaling a Deployment up and down/ }).click();
  await expect(page.getByRole('alert', { name: 'Last action' })).toContainText('is ready', { timeout: 20_000 });
  await page.getByLabel('Simulation speed').selectOption('10');
  const step = page.getByRole('region', { name: 'Current step' });
  await expect(step).toContainText('Step 1 of 2: Scale up to 6');
  // The check does not hold before the learner acts.
  await expect(step.getByRole('status', { name: 'Step check' })).toContainText('Waiting: deployment web:');
  await step.getByRole('button', { name: 'Reveal the answer' }).click();
  await expect(step.getByLabel('Predict')).toContainText('About two each');
  await step.getByRole('button', { name: 'Run kubectl scale deployment web --replicas=6' }).click();
  await expect(step.getByRole('status', { name: 'Step check' })).toContainText('✓ Done: deployment web: 6/6 available', { timeout: 60_000 });
  await page.screenshot({ path: 'test-results/lesson-step-done.png' });
  await step.getByRole('button', { name: 'Next' }).click();
  await expect(step).toContainText('Step 2 of 2: Scale down to 1');
  await step.getByRole('button', { name: 'Run kubectl scale deployment web --replicas=1' }).click();
  await expect(step.getByRole('status', { name: 'Step check' })).toContainText('✓ Done', { timeout: 60_000 });
  await expect(page.getByText('Lesson complete. Well done!')).toBeVisible();
  await expect(page.locator('[aria-label^="pod default/web-"]:not([data-status="Terminating"])')).toHaveCount(1, { timeout: 30_000 });
  await page.screenshot({ path: 'test-results/lesson-complete.png' });
  expect(errors).toEqual([]);
});

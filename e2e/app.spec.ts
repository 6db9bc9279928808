import { expect, test, type Page } from '@playwright/test';

/** Sim time shown in the top bar, in ms. */
async function simTime(page: Page): Promise<number> {
  const text = (await page.getByLabel('Sim time').textContent()) ?? '';
  const m = /^(\d+):(\d{2}):(\d{2})\.(\d)$/.exec(text.trim());
  if (!m) throw new Error(`unexpected clock text ${text}`);
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000 + Number(m[4]) * 100;
}

async function clockEvents(page: Page): Promise<number> {
  return Number(await page.getByLabel('Clock events').textContent());
}

async function open(page: Page) {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByRole('status')).toHaveText('Cluster running', { timeout: 20_000 });
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 20_000 });
  return errors;
}

/** Replaces the editor's buffer by pasting, as a user would (typing would be re-indented by the editor). */
async function setBuffer(page: Page, text: string) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((t) => (globalThis as any).navigator.clipboard.writeText(t), text);
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  // The paste lands asynchronously: wait until the starter template is gone and the new text is shown.
  const view = page.locator('.monaco-editor .view-lines').first();
  await expect(view).not.toContainText('nginx:1.27');
  await expect(view).toContainText(text.split('\n')[0].slice(0, 30));
}

test('applying the starter template draws the Deployment and Service and narrates the traffic', async ({ page }) => {
  const errors = await open(page);
  await page.getByRole('button', { name: 'Apply' }).click();
  const result = page.getByLabel('Apply result');
  await expect(result).toContainText('deployment.apps/web created');
  await expect(result).toContainText('service/web created');
  await expect(page.getByLabel('deployment default/web', { exact: true })).toBeVisible();
  await expect(page.getByLabel('service default/web', { exact: true })).toBeVisible();
  await expect(page.getByLabel('namespace default', { exact: true })).toBeVisible();
  await page.screenshot({ path: 'test-results/applied.png' });

  await page.getByRole('tab', { name: 'Traffic' }).click();
  const feed = page.getByLabel('Traffic feed');
  await expect(feed).toContainText('kubectl created deployment default/web');
  await expect(feed).toContainText('apiserver → etcd: put /registry/deployments/default/web');
  await expect(feed).not.toContainText('pilothouse-ui');
  await page.screenshot({ path: 'test-results/traffic.png' });

  await page.getByRole('tab', { name: 'Events' }).click();
  await expect(page.getByLabel('Filter events')).toBeVisible();
  expect(errors).toEqual([]);
});

test('Ctrl+Enter applies; an invalid document shows an error marker and applies nothing', async ({ page }) => {
  const errors = await open(page);
  await setBuffer(
    page,
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: broken\n  labels: [oops\n',
  );
  await page.keyboard.press('ControlOrMeta+Enter');
  const result = page.getByLabel('Apply result');
  await expect(result).toContainText(/error: error parsing STDIN: error converting YAML to JSON: yaml: line 1[01]: /);
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
  await page.screenshot({ path: 'test-results/invalid-yaml.png' });
  // Nothing from the file was created, not even the valid first document.
  await page.getByRole('button', { name: 'Pause' }).click();
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(300);
  await expect(page.getByLabel('deployment default/broken', { exact: true })).toHaveCount(0);
  await page.getByRole('tab', { name: 'Traffic' }).click();
  await expect(page.getByLabel('Traffic feed')).not.toContainText('configmap');

  await page.getByRole('tab', { name: 'YAML' }).click();
  // One line of JSON (kubectl reads it too), so the editor's auto-indent can't reshape it.
  await setBuffer(
    page,
    '{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api"}, "spec": {"selector": {"matchLabels": {"app": "api"}}, "template": {"metadata": {"labels": {"app": "api"}}, "spec": {"containers": [{"name": "api", "image": "nginx"}]}}}}',
  );
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect(page.getByLabel('Apply result')).toContainText('deployment.apps/api created');
  await expect(page.getByLabel('deployment default/api', { exact: true })).toBeVisible();
  expect(errors).toEqual([]);
});

test('pause freezes the clock, Step fires exactly one event, speed scales time', async ({ page }) => {
  const errors = await open(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
  const frozen = await simTime(page);
  await page.waitForTimeout(1200);
  expect(await simTime(page)).toBe(frozen);

  // Applying while paused queues watch notifications (clock events) without running them.
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByLabel('Apply result')).toContainText('deployment.apps/web created');
  await page.waitForTimeout(300);
  await expect(page.getByLabel('deployment default/web', { exact: true })).toHaveCount(0);
  const before = await clockEvents(page);
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => clockEvents(page)).toBe(before + 1);
  await page.waitForTimeout(300);
  expect(await clockEvents(page)).toBe(before + 1);
  expect(await simTime(page)).toBe(frozen); // the notifications were due now
  await page.getByRole('button', { name: 'Step' }).click();
  await expect.poll(() => clockEvents(page)).toBe(before + 2);

  await page.getByLabel('Simulation speed').selectOption('100');
  await page.getByRole('button', { name: 'Play' }).click();
  const start = await simTime(page);
  await page.waitForTimeout(2000);
  const advanced = (await simTime(page)) - start;
  expect(advanced).toBeGreaterThan(100_000); // ~200 s in 2 s of wall time
  expect(advanced).toBeLessThan(260_000);
  await expect(page.getByLabel('deployment default/web', { exact: true })).toBeVisible();

  await page.getByLabel('Simulation speed').selectOption('1');
  await page.waitForTimeout(300); // let a batch at the new speed arrive, so the start reading isn't a 100× one
  const slowStart = await simTime(page);
  await page.waitForTimeout(1500);
  const slow = (await simTime(page)) - slowStart;
  expect(slow).toBeGreaterThan(800);
  expect(slow).toBeLessThan(2500);

  await page.getByLabel('Simulation speed').selectOption('max');
  await page.waitForTimeout(500);
  await expect(page.getByRole('status')).toHaveText('Cluster running', { timeout: 20_000 });
  await page.screenshot({ path: 'test-results/time-controls.png' });
  expect(errors).toEqual([]);
});

test('the kubectl console runs a line, answers in its log and keeps a history', async ({ page }) => {
  const errors = await open(page);
  const input = page.getByRole('textbox', { name: 'kubectl', exact: true });
  await input.fill('get pods');
  await input.press('Enter');
  const log = page.getByRole('log', { name: 'kubectl output' });
  await expect(log).toContainText('$ get pods');
  await expect(log).toContainText('No resources found in default namespace.');
  await expect(input).toHaveValue('');
  await input.press('ArrowUp');
  await expect(input).toHaveValue('get pods');
  await input.press('ArrowDown');
  await expect(input).toHaveValue('');
  await page.screenshot({ path: 'test-results/console.png' });
  expect(errors).toEqual([]);
});

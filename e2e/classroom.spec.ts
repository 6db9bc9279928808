import { expect, test, type Page } from '@playwright/test';
import { kubectl, openApp, pasteBuffer } from './helpers';

const clockEvents = async (page: Page) => Number(await page.getByLabel('Clock events').textContent());

test('works offline once loaded: the service worker serves the whole app, editor included', async ({ page, context }) => {
  const errors = await openApp(page);
  await page.evaluate(async () => {
    const sw = (globalThis as any).navigator.serviceWorker; // e2e code is typed for Node; this runs in the page
    await sw.ready;
    if (!sw.controller) await new Promise((r) => sw.addEventListener('controllerchange', r, { once: true }));
  });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('status')).toHaveText('Cluster running', { timeout: 20_000 });
  await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 20_000 });
  await kubectl(page, 'kubectl get nodes');
  await expect(page.getByRole('log', { name: 'kubectl output' })).toContainText('worker-3');
  await context.setOffline(false);
  expect(errors).toEqual([]);
});

test('a reload keeps the editor text and the console history', async ({ page }) => {
  await openApp(page);
  const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: kept-across-reloads\ndata:\n  k: v\n';
  await pasteBuffer(page, text);
  await kubectl(page, 'kubectl get ns');
  await page.reload();
  await expect(page.getByRole('status')).toHaveText('Cluster running', { timeout: 20_000 });
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText('kept-across-reloads');
  const input = page.getByRole('textbox', { name: 'kubectl', exact: true });
  await input.focus();
  await input.press('ArrowUp');
  await expect(input).toHaveValue('kubectl get ns');
});

test('classroom shortcuts: Space pauses and plays, → steps one event, P toggles presenter mode', async ({ page }) => {
  const errors = await openApp(page);
  await page.locator('.diagram').click({ position: { x: 5, y: 300 } });
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
  const before = await clockEvents(page);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => clockEvents(page)).toBe(before + 1);
  await page.keyboard.press('p');
  await expect(page.getByRole('button', { name: 'Presenter' })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Space');
  await expect(page.getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'true');
  // Typing in the console is never taken for a shortcut.
  const input = page.getByRole('textbox', { name: 'kubectl', exact: true });
  await input.fill('get p');
  await input.press('Space');
  await expect(input).toHaveValue('get p ');
  await expect(page.getByRole('button', { name: 'Play' })).toHaveAttribute('aria-pressed', 'true');
  expect(errors).toEqual([]);
});

test('presenter mode (?present) starts slower with large type and spotlights the acting component; embed mode hides the chrome', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?present');
  await expect(page.getByRole('status')).toHaveText('Cluster running', { timeout: 20_000 });
  await expect(page.locator('.app')).toHaveAttribute('data-presenter', 'true');
  await expect(page.getByLabel('Simulation speed')).toHaveValue('0.5');
  await kubectl(page, 'kubectl create deployment web --image=nginx --replicas=2');
  await expect(page.locator('[data-spotlight="true"]').first()).toBeAttached({ timeout: 10_000 });
  await page.screenshot({ path: 'test-results/presenter.png' });

  await page.goto('/?embed');
  await expect(page.getByRole('status')).toHaveText('Cluster running', { timeout: 20_000 });
  await expect(page.getByLabel('kube-apiserver', { exact: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'kubectl', exact: true })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Apply' })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/embed.png' });
  expect(errors).toEqual([]);
});

test('a breakpoint pauses the clock when a pod cannot be scheduled, and stays armed across a reload', async ({ page }) => {
  const errors = await openApp(page, { editor: false });
  await page.getByRole('button', { name: 'Breakpoints' }).click();
  await page.getByRole('group', { name: 'Pause when' }).getByLabel('a pod cannot be scheduled').check();
  await kubectl(page, `kubectl run big --image=nginx --overrides='{"spec":{"containers":[{"name":"big","image":"nginx","resources":{"requests":{"cpu":"64"}}}]}}'`);
  await expect(page.getByRole('alert', { name: 'Last action' })).toHaveText('Paused at a breakpoint: pod default/big cannot be scheduled', { timeout: 15_000 });
  await expect(page.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
  const frozen = await page.getByLabel('Sim time').textContent();
  await page.waitForTimeout(800);
  await expect(page.getByLabel('Sim time')).toHaveText(frozen!);
  await expect(page.getByLabel('pod default/big', { exact: true })).toHaveAttribute('data-status', 'Pending');
  await page.screenshot({ path: 'test-results/breakpoint.png' });
  await page.reload();
  await expect(page.getByRole('status')).toHaveText('Cluster running', { timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'Breakpoints (1)' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a hung worker is detected and replaced; the new one resumes the autosaved run and says so', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = await openApp(page, { editor: false });
  await kubectl(page, 'kubectl create namespace survives-a-crash');
  await expect(page.getByRole('button', { name: 'survives-a-crash' })).toBeVisible();
  await page.waitForTimeout(1500); // one autosave
  const [worker] = page.workers().filter((w) => w.url().includes('engine.worker'));
  expect(worker).toBeDefined();
  void worker.evaluate(() => {
    for (;;) {
      /* hang the engine's worker for good */
    }
  }).catch(() => undefined);
  await expect(page.getByRole('alert', { name: 'Last action' })).toContainText('The simulation stopped responding and was restarted from the last autosave', { timeout: 40_000 });
  await expect(page.getByRole('button', { name: 'survives-a-crash' })).toBeVisible({ timeout: 20_000 });
  await kubectl(page, 'kubectl get ns survives-a-crash');
  await expect(page.getByRole('log', { name: 'kubectl output' })).toContainText(/survives-a-crash\s+Active/);
  expect(errors).toEqual([]);
});

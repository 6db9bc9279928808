import { expect, test, type Page } from '@playwright/test';
import { deflateSync, strToU8 } from 'fflate';
import { kubectl, openApp } from './helpers';

const output = (page: Page) => page.getByRole('log', { name: 'kubectl output' });

/** Runs a command and returns just its output (the log's text after the echoed command line). */
async function kubectlOutput(page: Page, line: string): Promise<string> {
  const before = ((await output(page).textContent()) ?? '').length;
  await kubectl(page, line);
  await expect.poll(async () => ((await output(page).textContent()) ?? '').length).toBeGreaterThan(before + line.length + 2);
  await page.waitForTimeout(200);
  return ((await output(page).textContent()) ?? '').slice(before);
}

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

test('Share: a link opened in a new browser context shows the same objects and the same event log at the same sim time', async ({ page, browser }) => {
  const errors = await openApp(page, { editor: false });
  await page.getByLabel('Simulation speed').selectOption('10');
  await kubectl(page, 'kubectl create deployment web --image=nginx --replicas=4');
  await expect(page.locator('[aria-label^="pod default/web-"][data-status="Running"]')).toHaveCount(4, { timeout: 30_000 });
  await kubectl(page, 'kubectl scale deployment web --replicas=2');
  await kubectl(page, 'kubectl expose deployment web --port=80');
  await page.waitForTimeout(1500);
  await page.getByRole('button', { name: 'Pause' }).click();
  const simTime = await page.getByLabel('Sim time').textContent();
  await page.getByRole('button', { name: 'Share' }).click();
  const link = await page.getByRole('textbox', { name: 'Share link' }).inputValue();
  expect(link).toMatch(/#share=v1\./);
  await page.getByRole('button', { name: 'Close' }).click();
  const pods = await kubectlOutput(page, 'kubectl get pods -o wide');
  const events = await kubectlOutput(page, 'kubectl get events');
  expect(pods).toContain('web-');

  const other = await browser.newContext();
  const copy = await other.newPage();
  const copyErrors: string[] = [];
  copy.on('pageerror', (e) => copyErrors.push(e.message));
  await copy.goto(link.replace(/^https?:\/\/[^/]+/, ''));
  await expect(copy.getByRole('alert', { name: 'Last action' })).toContainText('Shared run opened', { timeout: 30_000 });
  await expect(copy.getByLabel('Sim time')).toHaveText(simTime!);
  await expect(copy.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
  expect(await kubectlOutput(copy, 'kubectl get pods -o wide')).toBe(pods);
  expect(await kubectlOutput(copy, 'kubectl get events')).toBe(events);
  await expect(copy.getByLabel('service default/web', { exact: true })).toBeVisible();
  await copy.screenshot({ path: 'test-results/share-opened.png' });
  expect(copyErrors).toEqual([]);
  await other.close();
  expect(errors).toEqual([]);
});

test('hostile links (random bytes, a decompression bomb, script in names) show an error and the app stays usable', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const bomb = b64url(deflateSync(new Uint8Array(32 * 1024 * 1024), { level: 9 }));
  const script = b64url(
    deflateSync(strToU8(JSON.stringify({ recording: { version: 1, seed: 1, workers: 1, until: 0, actions: [{ at: 0, event: 0, action: { kind: '<script>alert(1)</script>' } }] } }))),
  );
  const cases: [string, RegExp][] = [
    ['share=v1.' + b64url(Buffer.from('\x00\xff\x13random bytes, not deflate')), /damaged/],
    ['share=v1.' + bomb, /expands to more than 1 MB/],
    ['share=v1.' + script, /unknown kind "<script>alert\(1\)<\/script>"/],
    ['share=v9.abc', /newer Pilothouse/],
  ];
  for (const [fragment, message] of cases) {
    await page.goto(`/#${fragment}`);
    const dialog = page.getByRole('alertdialog', { name: 'Link error' });
    await expect(dialog).toContainText(message, { timeout: 20_000 });
    await expect(page.locator('script', { hasText: 'alert(1)' })).toHaveCount(0);
    await dialog.getByRole('button', { name: 'OK' }).click();
    await expect(page.getByRole('status')).toHaveText('Cluster running', { timeout: 20_000 });
    await kubectl(page, 'kubectl get nodes');
    await expect(page.getByRole('log', { name: 'kubectl output' })).toContainText('worker-3');
  }
  await page.screenshot({ path: 'test-results/link-error.png' });
  expect(errors).toEqual([]);
});

test('the timeline scrubs back to a past sim time and shows the cluster as it was; a reload resumes the run', async ({ page }) => {
  const errors = await openApp(page, { editor: false });
  await page.getByLabel('Simulation speed').selectOption('10');
  await kubectl(page, 'kubectl create deployment web --image=nginx --replicas=3');
  await expect(page.locator('[aria-label^="pod default/web-"][data-status="Running"]')).toHaveCount(3, { timeout: 30_000 });
  await page.waitForTimeout(500);
  const timeline = page.getByRole('slider', { name: 'Timeline' });
  const before = Number(await timeline.inputValue());
  await kubectl(page, 'kubectl delete deployment web');
  await expect(page.locator('[aria-label^="pod default/web-"]')).toHaveCount(0, { timeout: 30_000 });
  await timeline.fill(String(before));
  await expect(page.getByRole('button', { name: 'Pause' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('[aria-label^="pod default/web-"][data-status="Running"]')).toHaveCount(3, { timeout: 20_000 });
  await page.screenshot({ path: 'test-results/timeline-rewound.png' });
  // Forward to the end of the timeline again: the deployment is gone.
  await timeline.fill(await timeline.getAttribute('max') ?? '0');
  await expect(page.locator('[aria-label^="pod default/web-"]')).toHaveCount(0, { timeout: 20_000 });

  // A reload resumes the autosaved run: the cluster is rebuilt, not started over.
  await page.getByRole('button', { name: 'Play' }).click();
  await kubectl(page, 'kubectl create namespace kept');
  await expect(page.getByRole('button', { name: 'kept' })).toBeVisible();
  await page.waitForTimeout(1500); // one autosave
  await page.reload();
  await expect(page.getByRole('status')).toHaveText('Cluster running', { timeout: 20_000 });
  await expect(page.getByRole('button', { name: 'kept' })).toBeVisible({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByRole('button', { name: 'kept' })).toHaveCount(0, { timeout: 20_000 });
  expect(errors).toEqual([]);
});

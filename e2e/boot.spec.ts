import { expect, test } from '@playwright/test';

test('the app loads, the worker boots the engine and the control plane is drawn', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByRole('status')).toHaveText('Cluster running', { timeout: 20_000 });
  for (const name of ['kube-apiserver', 'etcd', 'kube-scheduler', 'kube-controller-manager', 'cloud-controller-manager']) {
    await expect(page.getByLabel(name, { exact: true })).toBeVisible();
  }
  await page.screenshot({ path: 'test-results/boot.png' });
  expect(errors).toEqual([]);
});

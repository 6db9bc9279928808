/**
 * What a user does with the running cluster: kubectl from the console, pods reaching Running on the nodes, a node
 * failed by dragging it into the Failure zone and recovered, the inspector's scheduling scores, the console's
 * streams, completion and edit, the narration feed's request bodies.
 */
import { expect, test } from '@playwright/test';
import { centreOf, dragWithMouse, kubectl, openApp, pasteBuffer } from './helpers';

const pods = (page: import('@playwright/test').Page, prefix: string) => page.locator(`[aria-label^="pod default/${prefix}"]`);

test('kubectl create deployment: three pods reach Running in the diagram', async ({ page }) => {
  const errors = await openApp(page, { editor: false });
  await expect(page.getByLabel('node worker-1', { exact: true })).toBeVisible({ timeout: 15_000 });
  await kubectl(page, 'kubectl create deployment web --image=nginx --replicas=3');
  await expect(page.getByRole('log', { name: 'kubectl output' })).toContainText('deployment.apps/web created');
  await expect(pods(page, 'web-')).toHaveCount(3, { timeout: 20_000 });
  await expect(page.locator('[aria-label^="pod default/web-"][data-status="Running"]')).toHaveCount(3, { timeout: 30_000 });
  // Every one sits inside a node card.
  await expect(page.locator('[aria-label^="node "] [aria-label^="pod default/web-"]')).toHaveCount(3);
  await page.getByRole('tab', { name: 'Traffic' }).click();
  await expect(page.getByLabel('Traffic feed')).toContainText('scheduler bound');
  await page.screenshot({ path: 'test-results/deployment-running.png' });
  expect(errors).toEqual([]);
});

test('open a pod’s inspector: describe, owners, YAML and the scheduler’s scores per node', async ({ page }) => {
  const errors = await openApp(page, { editor: false });
  await expect(page.getByLabel('node worker-1', { exact: true })).toBeVisible({ timeout: 15_000 });
  await kubectl(page, 'create deployment web --image=nginx --replicas=2');
  const pod = page.locator('[aria-label^="pod default/web-"][data-status="Running"]').first();
  await expect(pod).toBeVisible({ timeout: 30_000 });
  await pod.click();
  const inspector = page.getByLabel('Object inspector');
  await expect(inspector).toBeVisible();
  await expect(inspector.getByLabel('Describe')).toContainText('Controlled By:  ReplicaSet/web-');
  await expect(inspector.getByLabel('Owner chain')).toContainText('Deployment web');
  await expect(inspector.getByLabel('Live YAML')).toContainText('kind: Pod');
  const scheduling = inspector.getByLabel('Scheduling decision');
  await expect(scheduling).toContainText(/Why worker-\d\?/);
  await expect(scheduling.locator('tr[data-verdict="feasible"]').first()).toContainText(/NodeResourcesFit|NodeResourcesBalancedAllocation|ImageLocality/);
  await expect(scheduling.locator('tr[data-verdict="rejected"]')).toContainText('control-plane'); // the control-plane taint
  await page.screenshot({ path: 'test-results/inspector-scheduling.png' });
  expect(errors).toEqual([]);
});

test('drag a worker into the Failure zone: NotReady, pods replaced elsewhere; then recover it', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = await openApp(page, { editor: false });
  const node = page.getByLabel('node worker-1', { exact: true });
  await expect(node).toBeVisible({ timeout: 15_000 });
  await kubectl(page, 'create deployment web --image=nginx --replicas=6');
  await expect(page.locator('[aria-label^="pod default/web-"][data-status="Running"]')).toHaveCount(6, { timeout: 30_000 });
  const onWorker1 = node.locator('[aria-label^="pod default/web-"]');
  const before = await onWorker1.count();
  expect(before).toBeGreaterThan(0);

  await dragWithMouse(page, await centreOf(page, 'node worker-1'), await centreOf(page, 'Failure zone'));
  await expect(page.getByRole('alert', { name: 'Last action' })).toContainText('worker-1-nodedown created');
  await expect(node.getByLabel('countdowns of worker-1')).toContainText(/NotReady in \d+s/);
  await page.screenshot({ path: 'test-results/node-failing.png' });

  await page.getByLabel('Simulation speed').selectOption('max');
  await expect(node).toHaveAttribute('data-status', /NotReady|Unknown/, { timeout: 40_000 });
  // After the 300 s toleration the pods are evicted and the ReplicaSet replaces them on the healthy workers.
  await expect(page.locator('[aria-label="node worker-2"] [aria-label^="pod default/web-"][data-status="Running"], [aria-label="node worker-3"] [aria-label^="pod default/web-"][data-status="Running"]')).toHaveCount(6, { timeout: 60_000 });
  await page.getByLabel('Simulation speed').selectOption('1');
  await page.screenshot({ path: 'test-results/node-failed.png' });

  await page.getByRole('button', { name: 'Recover worker-1' }).click();
  await page.getByLabel('Simulation speed').selectOption('max');
  await expect(node).toHaveAttribute('data-status', 'Ready', { timeout: 40_000 });
  await expect(page.getByRole('button', { name: 'Recover worker-1' })).toHaveCount(0);
  await page.getByLabel('Simulation speed').selectOption('1');
  await page.screenshot({ path: 'test-results/node-recovered.png' });
  expect(errors).toEqual([]);
});

test('console: -w streams until Ctrl+C, Tab completes, edit opens the editor; requests open to their body', async ({ page }) => {
  const errors = await openApp(page);
  const input = page.getByRole('textbox', { name: 'kubectl', exact: true });
  const log = page.getByRole('log', { name: 'kubectl output' });
  await kubectl(page, 'create configmap settings --from-literal=a=1');
  await expect(log).toContainText('configmap/settings created');

  await kubectl(page, 'get configmaps -w');
  await expect(page.getByLabel('Streaming')).toBeVisible();
  await page.getByRole('button', { name: 'Apply' }).click(); // the starter template: a Deployment and a Service
  await kubectl(page, 'get cm'); // a new command ends the watch…
  await expect(page.getByLabel('Streaming')).toHaveCount(0);
  await kubectl(page, 'get configmaps --watch-only');
  await expect(page.getByLabel('Streaming')).toBeVisible();
  await kubectl(page, 'label configmap settings tier=web'); // …and Ctrl+C does too
  await kubectl(page, 'get cm -w');
  await input.press('Control+c');
  await expect(log).toContainText('^C');
  await expect(page.getByLabel('Streaming')).toHaveCount(0);

  await input.fill('get configm');
  await input.press('Tab');
  await expect(input).toHaveValue('get configmaps ');
  await input.pressSequentially('sett');
  await input.press('Tab');
  await expect(input).toHaveValue('get configmaps settings ');
  await input.fill('');

  await kubectl(page, 'edit configmap settings');
  await expect(log).toContainText('Editing configmap/settings');
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText('name: settings');

  await page.getByRole('tab', { name: 'Traffic' }).click();
  const create = page.getByLabel('Traffic feed').getByRole('button', { name: /kubectl created configmap default\/settings/ });
  await create.click();
  const detail = page.getByLabel('Request detail');
  await expect(detail).toContainText('POST /api/v1/namespaces/default/configmaps');
  await expect(detail).toContainText('"name": "settings"');
  await page.screenshot({ path: 'test-results/request-detail.png' });
  expect(errors).toEqual([]);
});

test('editor: templates, a diff against the live objects, a 422 shown at the offending line', async ({ page }) => {
  const errors = await openApp(page);
  await page.getByLabel('Template').selectOption('ConfigMap');
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText('name: settings');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByLabel('Apply result')).toContainText('configmap/settings created');
  await page.getByRole('button', { name: 'Diff' }).click();
  await expect(page.getByTestId('yaml-diff')).toBeVisible();
  await page.getByRole('button', { name: 'Diff' }).click();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(page.getByLabel('Apply result')).toHaveText('configmap "settings" deleted');
  await kubectl(page, 'kubectl get configmap settings');
  await expect(page.getByRole('log', { name: 'kubectl output' })).toContainText('Error from server (NotFound): configmaps "settings" not found');

  // An invalid replica count: the server's 422 names spec.replicas, and the marker sits on that line, not on line 1.
  await pasteBuffer(page, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: bad\nspec:\n  replicas: -1\n  selector:\n    matchLabels: {app: bad}\n  template:\n    metadata:\n      labels: {app: bad}\n    spec:\n      containers: [{name: c, image: nginx}]\n');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByLabel('Apply result')).toContainText(/^line 6: Error from server \(Invalid\): .*Deployment.apps "bad" is invalid: spec.replicas: Invalid value: -1/);
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
  await page.screenshot({ path: 'test-results/editor-422.png' });
  expect(errors).toEqual([]);
});

test('add a worker from the toolbar, then remove it from its context menu', async ({ page }) => {
  const errors = await openApp(page, { editor: false });
  await page.getByRole('button', { name: 'Add node' }).click();
  const node = page.getByLabel('node worker-4', { exact: true });
  await expect(node).toHaveAttribute('data-status', 'Ready', { timeout: 30_000 });
  await expect(page.getByRole('alert', { name: 'Last action' })).toContainText('node worker-4 added');
  await node.click({ button: 'right', position: { x: 30, y: 8 } });
  await page.getByRole('menuitem', { name: 'Remove node' }).click();
  await expect(node).toHaveCount(0, { timeout: 15_000 });
  await kubectl(page, 'kubectl get nodes');
  const out = page.getByRole('log', { name: 'kubectl output' });
  await expect(out).toContainText('worker-3');
  await expect(out).not.toContainText('worker-4');
  await page.screenshot({ path: 'test-results/add-remove-node.png' });
  expect(errors).toEqual([]);
});

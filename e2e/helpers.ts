import { expect, type Page } from '@playwright/test';

/** Loads the app and waits for the cluster; returns the page errors seen (expected to stay empty). */
export async function openApp(page: Page, opts: { editor?: boolean } = {}): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/');
  await expect(page.getByRole('status')).toHaveText('Cluster running', { timeout: 20_000 });
  if (opts.editor !== false) await expect(page.locator('.monaco-editor').first()).toBeVisible({ timeout: 20_000 });
  return errors;
}

export async function kubectl(page: Page, line: string): Promise<void> {
  const input = page.getByRole('textbox', { name: 'kubectl', exact: true });
  await input.fill(line);
  await input.press('Enter');
  await expect(input).toHaveValue('');
}

/** Drags an element onto another with the mouse, in steps, as a user would. */
export async function dragWithMouse(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 10, from.y + 10, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

export async function centreOf(page: Page, label: string): Promise<{ x: number; y: number }> {
  const box = await page.getByLabel(label, { exact: true }).boundingBox();
  if (!box) throw new Error(`${label} is not visible`);
  return { x: box.x + box.width / 2, y: box.y + Math.min(12, box.height / 2) };
}

/** Replaces the editor's buffer by pasting, as a user would (typing would be re-indented by the editor). */
export async function pasteBuffer(page: Page, text: string): Promise<void> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((t) => (globalThis as any).navigator.clipboard.writeText(t), text);
  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');
  await expect(page.locator('.monaco-editor .view-lines').first()).toContainText(text.split('\n')[0].slice(0, 30));
}

import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { openApp } from './helpers';

test('export the diagram as PNG and SVG: the whole cluster, as a real image', async ({ page }) => {
  const errors = await openApp(page, { editor: false });
  const panel = page.getByLabel('Export diagram');

  const [png] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'PNG' }).click()]);
  expect(png.suggestedFilename()).toBe('pilothouse-cluster.png');
  const pngPath = 'test-results/exported-diagram.png';
  await png.saveAs(pngPath);
  const bytes = await readFile(pngPath);
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(bytes.readUInt32BE(16)).toBe(1920); // IHDR width
  expect(bytes.length).toBeGreaterThan(20_000); // drawn, not blank

  const [svg] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'SVG' }).click()]);
  expect(svg.suggestedFilename()).toBe('pilothouse-cluster.svg');
  const svgText = (await readFile(await svg.path())).toString('utf8');
  expect(svgText).toContain('<svg');
  expect(svgText).toContain('kube-apiserver');
  expect(svgText).toContain('worker-3');
  expect(errors).toEqual([]);
});

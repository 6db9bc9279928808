/**
 * Frame timing while a 100-pod Deployment rolls out: requestAnimationFrame callbacks timestamped with
 * performance.now() (the callback's own timestamp is vsync-aligned and hides blocking work) and long tasks from a
 * PerformanceObserver. Prints the figures; fails only on gross regressions (the target is no frame over
 * 50 ms, not yet met on a GPU-less headless Chromium — see the printed figures).
 */
import { expect, test } from '@playwright/test';
import { kubectl, openApp } from './helpers';

test('frame timing during a 100-pod rollout', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = await openApp(page, { editor: false });
  await expect(page.getByLabel('node worker-1', { exact: true })).toBeVisible({ timeout: 15_000 });
  await page.evaluate(() => {
    const w = globalThis as any;
    w.__frames = [] as number[];
    w.__longTasks = [] as number[];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask' as never });
    const raf = w.requestAnimationFrame as (cb: () => void) => number;
    let last = performance.now();
    const tick = () => {
      const now = performance.now();
      w.__frames.push(now - last);
      last = now;
      if (!w.__stopFrames) raf(tick);
    };
    raf(tick);
  });
  // 10×: the rollout (image pulls, container starts) in a few seconds of wall time — more work per frame, not less.
  await page.getByLabel('Simulation speed').selectOption('10');
  const started = Date.now();
  await kubectl(page, 'create deployment big --image=nginx --replicas=100');
  await expect(page.locator('[aria-label^="pod default/big-"][data-status="Running"]')).toHaveCount(100, { timeout: 60_000 });
  const rolloutMs = Date.now() - started;
  const { frames, longTasks } = await page.evaluate(() => {
    const w = globalThis as any;
    w.__stopFrames = true;
    return { frames: w.__frames as number[], longTasks: w.__longTasks as number[] };
  });
  const sorted = [...frames].sort((a, b) => a - b);
  const worst = sorted.at(-1) ?? 0;
  const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? 0;
  const over50 = frames.filter((f) => f > 50).length;
  const figures = {
    rolloutWallMs: rolloutMs,
    frames: frames.length,
    worstFrameMs: Math.round(worst * 10) / 10,
    p95FrameMs: Math.round(p95 * 10) / 10,
    framesOver50ms: over50,
    longTasks: longTasks.length,
    longestTaskMs: Math.round(Math.max(0, ...longTasks)),
  };
  console.log(`FRAME TIMING ${JSON.stringify(figures)}`);
  test.info().annotations.push({ type: 'frame-timing', description: JSON.stringify(figures) });
  await page.screenshot({ path: 'test-results/rollout-100.png' });
  expect(worst).toBeLessThan(1000); // a guard against gross regressions; the figures above are the measurement
  expect(errors).toEqual([]);
});

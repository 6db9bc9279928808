/**
 * Every built-in lesson, done as a learner would: start its cluster, apply its setup, and for each step check
 * that its check does NOT hold yet, do what the step suggests (its manifest, its commands), let the simulated time
 * it needs pass, and check that it holds now.
 */
import { describe, expect, it } from 'vitest';
import { createCluster } from '../engine/cluster';
import { evaluateCheck, LESSONS } from './index';

describe('built-in lessons', () => {
  it('there are at least 12, with unique ids and a check on every step', () => {
    expect(LESSONS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const l of LESSONS) for (const s of l.steps) expect(s.check, `${l.id}: ${s.title}`).toBeDefined();
  });

  for (const lesson of LESSONS) {
    it(`${lesson.id}: each step's check is false before the step and true after it`, () => {
      const c = createCluster({ seed: lesson.cluster?.seed ?? 1, workers: lesson.cluster?.workers ?? 3 });
      c.advance(20_000);
      const now = () => c.engine.epochMs + c.engine.now();
      if (lesson.setup) {
        const applied = c.apply(lesson.setup);
        expect([applied.error, ...applied.outcomes.map((o) => o.error)].filter(Boolean), 'setup').toEqual([]);
        c.advance(lesson.settle ?? 10_000);
      }
      for (const step of lesson.steps) {
        const before = evaluateCheck(c.apiserver, step.check, now());
        expect(before.ok, `${lesson.id} / ${step.title} — before: ${before.detail}`).toBe(false);
        if (step.yaml) {
          const applied = c.apply(step.yaml);
          expect([applied.error, ...applied.outcomes.map((o) => o.error)].filter(Boolean), `${step.title} yaml`).toEqual([]);
        }
        for (const line of step.kubectl ?? []) {
          if (/\s-w(\s|$)|--watch/.test(line)) continue; // streaming views: nothing to do for the test
          const out = c.kubectl(line);
          expect(out.exitCode, `${line}\n${out.stderr}`).toBe(0);
        }
        c.advance(step.wait ?? 30_000);
        const after = evaluateCheck(c.apiserver, step.check, now());
        expect(after.ok, `${lesson.id} / ${step.title} — after: ${after.detail}`).toBe(true);
      }
    });
  }
});

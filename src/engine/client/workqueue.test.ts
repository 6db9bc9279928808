import { describe, expect, it } from 'vitest';
import { Engine } from '../engine';
import { WorkQueue } from './workqueue';
import { BucketRateLimiter, defaultControllerRateLimiter, ItemExponentialFailureRateLimiter, MaxOfRateLimiter } from './rate-limiter';

describe('WorkQueue', () => {
  it('deduplicates keys and hands them out in order', () => {
    const q = new WorkQueue(new Engine(), 'q');
    for (const k of ['a', 'b', 'a', 'c', 'b']) q.add(k);
    expect(q.keys()).toEqual(['a', 'b', 'c']);
    expect([q.get(), q.get(), q.get(), q.get()]).toEqual(['a', 'b', 'c', undefined]);
  });

  it('never hands out a key being processed; one re-added meanwhile comes back at done', () => {
    const q = new WorkQueue(new Engine(), 'q');
    q.add('a');
    expect(q.get()).toBe('a');
    q.add('a');
    q.add('a');
    expect(q.len()).toBe(0); // dirty, but still processing
    expect(q.get()).toBeUndefined();
    q.done('a');
    expect(q.keys()).toEqual(['a']);
    expect(q.get()).toBe('a');
    q.done('a');
    expect(q.len()).toBe(0);
  });

  it('adds after a delay on the virtual clock, keeping the earliest of several requests', () => {
    const engine = new Engine();
    const q = new WorkQueue(engine, 'q');
    q.addAfter('a', 1000);
    q.addAfter('a', 300);
    q.addAfter('a', 5000);
    expect(q.readyAt('a')).toBe(300);
    engine.advance(299);
    expect(q.len()).toBe(0);
    engine.advance(1);
    expect(q.keys()).toEqual(['a']);
  });

  it('backs a failing key off exponentially from 5 ms, and forget resets it', () => {
    const engine = new Engine();
    const q = new WorkQueue(engine, 'q');
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      q.addRateLimited('k');
      const readyAt = q.readyAt('k') as number;
      delays.push(readyAt - engine.now());
      engine.advance(readyAt - engine.now());
      expect(q.get()).toBe('k');
      q.done('k');
    }
    expect(delays).toEqual([5, 10, 20, 40, 80, 160]);
    expect(q.numRequeues('k')).toBe(6);
    q.forget('k');
    expect(q.numRequeues('k')).toBe(0);
    q.addRateLimited('k');
    expect((q.readyAt('k') as number) - engine.now()).toBe(5);
  });

  it('caps per-item backoff at 1000 s', () => {
    const limiter = new ItemExponentialFailureRateLimiter<string>(5, 1_000_000);
    let last = 0;
    for (let i = 0; i < 30; i++) last = limiter.when('x');
    expect(last).toBe(1_000_000);
    expect(limiter.when('y')).toBe(5);
  });

  it('limits the whole queue to 10 qps after a burst of 100 (DefaultControllerRateLimiter)', () => {
    const engine = new Engine();
    const limiter = defaultControllerRateLimiter<string>(() => engine.now());
    const first = Array.from({ length: 100 }, (_, i) => limiter.when(`k${i}`));
    expect(first.every((d) => d === 5)).toBe(true); // new keys: the 5 ms item backoff dominates
    expect(limiter.when('k100')).toBeCloseTo(100);
    expect(limiter.when('k101')).toBeCloseTo(200);
    engine.advance(10_000); // the bucket refills at 10 tokens a second
    expect(limiter.when('k102')).toBe(5);
  });

  it('combines limiters by their maximum', () => {
    const engine = new Engine();
    const bucket = new BucketRateLimiter<string>(() => engine.now(), 1, 1);
    const limiter = new MaxOfRateLimiter(new ItemExponentialFailureRateLimiter<string>(5, 1000), bucket);
    expect(limiter.when('a')).toBe(5);
    expect(limiter.when('a')).toBe(1000); // second token: 1 s wait beats the 10 ms item backoff
    expect(limiter.numRequeues('a')).toBe(2);
  });

  it('ignores adds after shutdown, including parked ones coming due', () => {
    const engine = new Engine();
    const q = new WorkQueue(engine, 'q');
    q.addAfter('a', 10);
    q.shutDown();
    q.add('b');
    engine.advance(10);
    expect(q.len()).toBe(0);
  });
});

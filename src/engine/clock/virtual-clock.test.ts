import { describe, expect, it } from 'vitest';
import { VirtualClock } from './virtual-clock';
import { Engine, isoSeconds } from '../engine';
import { Rng } from '../util/rng';

describe('virtual clock', () => {
  it('fires timers in time order, then in scheduling order', () => {
    const clock = new VirtualClock();
    clock.schedule(20, 'a', 'x');
    clock.schedule(10, 'b', 'y');
    clock.schedule(10, 'c', 'z');
    const fired: string[] = [];
    for (let t = clock.popDue(); t; t = clock.popDue()) fired.push(`${t.at}:${t.target}`);
    expect(fired).toEqual(['10:b', '10:c', '20:a']);
    expect(clock.now()).toBe(20);
  });

  it('replaces a timer with the same key and honours cancel', () => {
    const clock = new VirtualClock();
    clock.schedule(10, 'a', 'k');
    clock.schedule(30, 'a', 'k');
    clock.schedule(5, 'b', 'k');
    clock.cancel('b', 'k');
    expect(clock.popDue()?.at).toBe(30);
    expect(clock.popDue()).toBeUndefined();
  });

  it('snapshots and restores the queue', () => {
    const clock = new VirtualClock();
    clock.schedule(10, 'a', '1', { n: 1 });
    clock.schedule(5, 'b', '2');
    const copy = VirtualClock.restore(JSON.parse(JSON.stringify(clock.snapshot())));
    expect(copy.popDue()?.target).toBe('b');
    expect(copy.popDue()?.payload).toEqual({ n: 1 });
  });

  it('advance runs due timers and moves time', () => {
    const engine = new Engine();
    const seen: number[] = [];
    engine.register('t', { onTimer: () => seen.push(engine.now()) });
    engine.clock.schedule(1000, 't', 'a');
    engine.clock.schedule(5000, 't', 'b');
    engine.advance(2000);
    expect(seen).toEqual([1000]);
    expect(engine.now()).toBe(2000);
    engine.runUntilIdle();
    expect(seen).toEqual([1000, 5000]);
  });

  it('formats timestamps without Date', () => {
    for (const ms of [0, 1_735_689_600_000, 951_782_400_000, 4_102_444_799_000]) {
      expect(isoSeconds(ms)).toBe(new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'));
    }
  });
});

describe('seeded rng', () => {
  it('is reproducible from a seed and from a saved state', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const seqA = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(seqA);
    const saved = a.getState();
    const next = a.next();
    expect(new Rng(saved).next()).toBe(next);
    expect(new Rng(43).nextUint32()).not.toBe(new Rng(42).nextUint32());
  });
});

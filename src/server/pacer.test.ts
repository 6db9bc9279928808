import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { Pacer } from './pacer';

function fakeWall() {
  let t = 0;
  return { now: () => t, add: (ms: number) => (t += ms) };
}

describe('Pacer', () => {
  it('advances sim time by wall time × speed', () => {
    const engine = new Engine();
    const wall = fakeWall();
    const pacer = new Pacer(engine, { speed: 10, wallNow: wall.now });
    pacer.start();
    pacer.stop();
    wall.add(100);
    pacer.tick();
    expect(engine.now()).toBe(1000);
    wall.add(5);
    pacer.tick();
    expect(engine.now()).toBe(1050);
  });

  it('fires timers on the way, and settle() runs only what is due now', () => {
    const engine = new Engine();
    const fired: number[] = [];
    engine.register('t', { onTimer: () => fired.push(engine.now()) });
    engine.clock.schedule(0, 't', 'now');
    engine.clock.schedule(500, 't', 'later');
    const wall = fakeWall();
    const pacer = new Pacer(engine, { speed: 1, wallNow: wall.now });
    pacer.settle();
    expect(fired).toEqual([0]);
    expect(engine.now()).toBe(0);
    pacer.start();
    pacer.stop();
    wall.add(600);
    pacer.tick();
    expect(fired).toEqual([0, 500]);
    expect(engine.now()).toBe(600);
  });

  it('drops debt beyond maxLagMs instead of replaying it in one burst', () => {
    const engine = new Engine();
    const wall = fakeWall();
    const pacer = new Pacer(engine, { speed: 1, wallNow: wall.now, maxLagMs: 2_000 });
    pacer.start();
    pacer.stop();
    wall.add(60_000);
    pacer.tick();
    expect(engine.now()).toBe(2_000);
  });

  it('at max speed jumps from timer to timer', () => {
    const engine = new Engine();
    let count = 0;
    engine.register('t', { onTimer: () => count < 1000 && (count++, engine.clock.schedule(60_000, 't', 'again')) });
    engine.clock.schedule(60_000, 't', 'again');
    const pacer = new Pacer(engine, { speed: 'max', budgetMs: 50 });
    pacer.tick();
    pacer.stop();
    expect(count).toBeGreaterThan(10);
    expect(engine.now()).toBeGreaterThanOrEqual(count * 60_000);
  });
});

import { describe, expect, it } from 'vitest';
import { Pacer, type Simulation } from './pacer';

/** A clock with events due every `every` ms that each cost `cost` ms of wall time to fire. */
function simulation(every: number, cost: number, wall: { now: number }): Simulation {
  let now = 0;
  let next = every;
  let fired = 0;
  return {
    now: () => now,
    step: () => {
      now = next;
      next += every;
      wall.now += cost;
      fired++;
      return true;
    },
    get eventsFired() {
      return fired;
    },
    advance: (ms) => (now += ms),
    moveClockTo: (t) => ((now = t), true),
    clock: { peekTime: () => next },
  };
}

describe('Pacer', () => {
  it('says it is behind while events due before the earned sim time are still waiting, so the loop comes straight back', () => {
    const wall = { now: 0 };
    const pacer = new Pacer(simulation(10, 0.05, wall), { wall: () => wall.now, sliceMs: 8 });
    pacer.speed = 100;
    pacer.tick(); // starts the wall clock
    wall.now += 100; // 10 s of sim earned; each event costs 0.05 ms of wall, a slice fits 160
    pacer.tick();
    expect(pacer.behind()).toBe(true);
    for (let i = 0; i < 2000 && pacer.behind(); i++) pacer.tick();
    expect(pacer.behind()).toBe(false);
    pacer.pause();
    expect(pacer.behind()).toBe(false);
  });
});

/**
 * Registers a client-side component (informer, work queue, controller, elector) as a clock target under a name
 * no other component of the same engine uses. Names derive from the component's identity — never from a global
 * counter — so two runs of the same scenario produce the same timer names.
 */
import type { Engine } from '../engine';
import type { Timer } from '../clock/virtual-clock';

const taken = new WeakMap<Engine, Set<string>>();

export function registerTarget(engine: Engine, base: string, onTimer: (timer: Timer) => void): string {
  let names = taken.get(engine);
  if (!names) taken.set(engine, (names = new Set()));
  let name = base;
  for (let i = 2; names.has(name); i++) name = `${base}#${i}`;
  names.add(name);
  engine.register(name, { onTimer });
  return name;
}

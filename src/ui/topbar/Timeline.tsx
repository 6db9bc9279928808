/**
 * The run's timeline: drag back to see the cluster as it was (the engine rebuilds it by replaying the recording),
 * forward again up to the furthest point reached. Seeking pauses the clock; Play continues from there, replaying
 * what was recorded until the run is live again.
 */
import { useEffect, useRef, useState } from 'react';
import { useEngine } from '../bridge/engine-context';
import { useUiStore } from '../store/ui-store';
import { formatSimTime } from './format-sim-time';

export function Timeline() {
  const engine = useEngine();
  const simTime = useUiStore((s) => s.sim.simTime);
  const tip = useUiStore((s) => s.sim.tip);
  const [dragging, setDragging] = useState<number>();
  const input = useRef<HTMLInputElement>(null);
  // Seek on commit (release, keyboard, or a programmatic fill), not on every pixel of a drag.
  useEffect(() => {
    const el = input.current;
    if (!el || !engine) return;
    const commit = () => {
      engine.seek(Number(el.value));
      setDragging(undefined);
    };
    el.addEventListener('change', commit);
    return () => el.removeEventListener('change', commit);
  }, [engine]);
  const value = dragging ?? simTime;
  const max = Math.max(tip, simTime, 1);
  return (
    <div className="timeline">
      <input
        ref={input}
        type="range"
        aria-label="Timeline"
        aria-valuetext={formatSimTime(value)}
        min={0}
        max={max}
        step={100}
        value={value}
        onInput={(e) => setDragging(Number(e.currentTarget.value))}
        onChange={() => undefined}
      />
      <span className="hint" aria-hidden="true">
        {value < max - 100 ? `rewound: the run goes on to ${formatSimTime(max)}` : ''}
      </span>
    </div>
  );
}

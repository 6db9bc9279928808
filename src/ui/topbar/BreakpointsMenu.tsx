/** "Pause when…": the breakpoints a teacher arms before a demo (kept across reloads, sent to the engine). */
import { useEffect, useState } from 'react';
import { useEngine } from '../bridge/engine-context';
import { useUiStore } from '../store/ui-store';
import { BREAKPOINT_KINDS, type BreakpointKind } from '../../protocol/messages';

const LABELS: Record<BreakpointKind, string> = {
  podUnschedulable: 'a pod cannot be scheduled',
  nodeNotReady: 'a node becomes NotReady',
  containerCrash: 'a container crashes',
};

export function BreakpointsMenu() {
  const engine = useEngine();
  const armed = useUiStore((s) => s.breakpoints);
  const connected = useUiStore((s) => s.connected);
  const [open, setOpen] = useState(false);
  // The engine forgets nothing across resets, but a new worker starts empty: send the set whenever we connect.
  useEffect(() => {
    if (engine && connected) engine.setBreakpoints(armed);
  }, [engine, connected, armed]);
  const toggle = (kind: BreakpointKind) => {
    const next = armed.includes(kind) ? armed.filter((k) => k !== kind) : [...armed, kind];
    useUiStore.getState().setBreakpoints(next);
  };
  return (
    <div className="breakpoints">
      <button type="button" className="topbar-toggle" aria-expanded={open} aria-pressed={armed.length > 0} onClick={() => setOpen(!open)} title="Pause the clock when something happens">
        Breakpoints{armed.length > 0 ? ` (${armed.length})` : ''}
      </button>
      {open && (
        <fieldset className="breakpoints-menu" aria-label="Pause when">
          <legend>Pause when…</legend>
          {BREAKPOINT_KINDS.map((kind) => (
            <label key={kind}>
              <input type="checkbox" checked={armed.includes(kind)} onChange={() => toggle(kind)} /> {LABELS[kind]}
            </label>
          ))}
        </fieldset>
      )}
    </div>
  );
}

import { SPEEDS, type Speed } from '../../protocol/messages';
import { useEngine } from '../bridge/engine-context';
import { useUiStore } from '../store/ui-store';
import { formatSimTime } from './format-sim-time';
import { BreakpointsMenu } from './BreakpointsMenu';
import { Timeline } from './Timeline';
import { ShareButton } from '../share/ShareDialog';
import { clearRun } from '../share/autosave';

const speedLabel = (s: Speed) => (s === 'max' ? 'max' : `${s}×`);

function SimClock() {
  const simTime = useUiStore((s) => s.sim.simTime);
  const events = useUiStore((s) => s.sim.events);
  return (
    <div className="sim-clock">
      <time aria-label="Sim time" title="Simulated time since the cluster started">
        {formatSimTime(simTime)}
      </time>
      <span className="sim-events" aria-label="Clock events" title="Clock events fired">
        {events}
      </span>
    </div>
  );
}

function TimeControls() {
  const engine = useEngine();
  const paused = useUiStore((s) => s.sim.paused);
  const speed = useUiStore((s) => s.sim.speed);
  return (
    <div className="time-controls" role="group" aria-label="Time controls">
      <button type="button" aria-pressed={paused} onClick={() => engine?.pause()} title="Pause the clock">
        Pause
      </button>
      <button type="button" aria-pressed={!paused} onClick={() => engine?.play()} title="Run the clock">
        Play
      </button>
      <button type="button" onClick={() => engine?.step()} title="Fire exactly one clock event">
        Step
      </button>
      <select
        aria-label="Simulation speed"
        value={String(speed)}
        onChange={(e) => engine?.setSpeed(e.target.value === 'max' ? 'max' : Number(e.target.value))}
      >
        {SPEEDS.map((s) => (
          <option key={String(s)} value={String(s)}>
            {speedLabel(s)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A fresh cluster in one click (the autosaved run is dropped; the editor text stays). */
function ResetButton() {
  const engine = useEngine();
  return (
    <button
      type="button"
      className="topbar-toggle"
      disabled={!engine}
      title="Start over with a fresh cluster"
      onClick={() => {
        clearRun();
        engine?.reset();
      }}
    >
      Reset
    </button>
  );
}

function PresenterToggle() {
  const presenter = useUiStore((s) => s.view.presenter);
  return (
    <button type="button" className="topbar-toggle" aria-pressed={presenter} onClick={() => useUiStore.getState().setPresenter(!presenter)} title="Presenter mode: large type, high contrast, spotlight (P)">
      Presenter
    </button>
  );
}

export function TopBar() {
  const connected = useUiStore((s) => s.connected);
  const error = useUiStore((s) => s.error);
  return (
    <header className="topbar">
      <img src="/icon.svg" alt="" width={24} height={24} />
      <h1>Pilothouse</h1>
      <SimClock />
      <TimeControls />
      <Timeline />
      <BreakpointsMenu />
      <PresenterToggle />
      <ShareButton />
      <ResetButton />
      <span className="status" role="status">
        {error ? `Engine error: ${error}` : connected ? 'Cluster running' : 'Starting the cluster…'}
      </span>
    </header>
  );
}

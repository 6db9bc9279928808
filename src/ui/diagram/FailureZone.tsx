/** The Failure zone a worker node card is dragged onto, and the ghost that follows the pointer meanwhile. */
import { useUiStore } from '../store/ui-store';
import { FAILURE_ZONE_ATTR, useNodeDrag } from './node-drag';

export function FailureZone() {
  const dragging = useNodeDrag((s) => s.drag);
  const faults = useUiStore((s) => s.capabilities.faults);
  const zoneProps = { [FAILURE_ZONE_ATTR]: '' };
  return (
    <div
      className="failure-zone"
      role="region"
      aria-label="Failure zone"
      data-active={dragging !== undefined}
      data-over={dragging?.over ?? false}
      title={faults ? 'Drop a worker node here to fail it (NodeDown fault)' : 'Faults are not available in this cluster yet'}
      {...zoneProps}
    >
      <strong>Failure zone</strong>
      <span>{dragging ? `drop ${dragging.node} to fail it` : 'drag a worker node here'}</span>
    </div>
  );
}

export function NodeDragGhost() {
  const drag = useNodeDrag((s) => s.drag);
  if (!drag) return null;
  return (
    <div className="node-ghost" style={{ transform: `translate(${drag.x + 8}px, ${drag.y + 8}px)` }} aria-hidden="true">
      node {drag.node}
    </div>
  );
}

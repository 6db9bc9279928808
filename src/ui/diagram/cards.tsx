/** The diagram's custom nodes. All memoised: React Flow re-renders a card only when its data changes. */
import { memo, type MouseEvent, type PointerEvent } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { ComponentView, ObjectSummary } from '../../protocol/messages';
import { useEngine } from '../bridge/engine-context';
import { useUiStore } from '../store/ui-store';
import { injectFault, isControlPlane, recoverAll } from '../actions/node-actions';
import type { PodSlots, ServiceEndpoints } from './layout';
import { POD_DETAIL_LIMIT } from './layout';
import { countdown, nodeHealth, statusCounts, statusTone } from './node-health';
import { beginNodeDrag } from './node-drag';

export type ComponentNode = Node<{ component: ComponentView }, 'component'>;
export type UsersNode = Node<Record<string, never>, 'users'>;
export type LaneNode = Node<{ namespace: ObjectSummary; count: number }, 'lane'>;
export type ObjectNode = Node<{ object: ObjectSummary; endpoints?: ServiceEndpoints }, 'object'>;
export type ClusterNodeNode = Node<{ node: ObjectSummary; pods: PodSlots; faults: ObjectSummary[] }, 'clusterNode'>;
export type PendingNode = Node<{ pods: PodSlots }, 'pending'>;

const handles = (
  <>
    <Handle type="target" position={Position.Left} isConnectable={false} />
    <Handle type="source" position={Position.Right} isConnectable={false} />
  </>
);

const select = (key: string) => (e: MouseEvent) => {
  e.stopPropagation();
  useUiStore.getState().select(key);
};

export const ComponentCard = memo(function ComponentCard({ data }: NodeProps<ComponentNode>) {
  const c = data.component;
  return (
    <div className="component-card" aria-label={c.kind} data-healthy={c.healthy} role="group">
      {handles}
      <div className="component-kind">{c.kind}</div>
      <div className="component-node">{c.node}</div>
    </div>
  );
});

export const UsersCard = memo(function UsersCard() {
  return (
    <div className="users-card" aria-label="users" role="group">
      {handles}
      <div className="component-kind">users</div>
      <div className="component-node">kubectl · UI</div>
    </div>
  );
});

export const LaneCard = memo(function LaneCard({ data }: NodeProps<LaneNode>) {
  return (
    <div className="lane" aria-label={`namespace ${data.namespace.name}`} role="group" data-status={data.namespace.status}>
      <div className="lane-title">
        namespace <strong>{data.namespace.name}</strong>
      </div>
    </div>
  );
});

export const ObjectCard = memo(function ObjectCard({ data }: NodeProps<ObjectNode>) {
  const o = data.object;
  const eps = data.endpoints?.endpoints;
  const detail = o.kind === 'Service' ? `${o.serviceType ?? 'ClusterIP'} ${o.clusterIP ?? ''}` : o.ready;
  return (
    <div
      className={`object-card kind-${o.kind.toLowerCase()}`}
      aria-label={`${o.kind.toLowerCase()} ${o.namespace}/${o.name}`}
      role="group"
      data-status={o.status}
      onClick={select(o.key)}
    >
      {handles}
      <div className="object-kind">{o.kind}</div>
      <div className="object-name" title={o.name}>
        {o.name}
      </div>
      {detail && <div className="object-detail">{detail}</div>}
      {eps && (
        <div className="endpoints" aria-label={`endpoints of ${o.name}`}>
          {eps.length === 0 ? (
            <span className="object-detail">no endpoints</span>
          ) : (
            eps.slice(0, 24).map((e, i) => <span key={`${e.pod}-${i}`} className={`endpoint-chip ${e.ready ? 'ready' : 'not-ready'}`} title={`${e.pod ?? '?'} on ${e.nodeName ?? '?'}${e.ready ? '' : ' (not ready)'}`} />)
          )}
        </div>
      )}
    </div>
  );
});

/** One pod: a chip coloured by STATUS, with its restart count. */
const PodChip = memo(function PodChip({ pod }: { pod: ObjectSummary }) {
  return (
    <button
      type="button"
      className={`pod-chip tone-${statusTone(pod.status)}`}
      aria-label={`pod ${pod.namespace}/${pod.name}`}
      data-status={pod.status}
      title={`${pod.namespace}/${pod.name} ${pod.status ?? ''}${pod.restarts ? ` · ${pod.restarts} restarts` : ''}`}
      onClick={select(pod.key)}
    >
      {pod.restarts ? <span className="restarts">{pod.restarts > 9 ? '9+' : pod.restarts}</span> : null}
    </button>
  );
});

/** Chips in their stable slots while few; beyond the level-of-detail limit, counts per status. */
function PodArea({ pods, label }: { pods: PodSlots; label: string }) {
  const count = pods.reduce((n, p) => n + (p ? 1 : 0), 0);
  if (count > POD_DETAIL_LIMIT) {
    const counts = statusCounts(pods);
    return (
      <div className="pod-group" aria-label={`${count} pods ${label}`} data-count={count}>
        <div className="pod-bar">
          {counts.map(([status, n]) => (
            <span key={status} className={`tone-${statusTone(status)}`} style={{ flexGrow: n }} title={`${n} ${status}`} />
          ))}
        </div>
        <div className="pod-counts">
          {count} pods: {counts.map(([status, n]) => `${n} ${status}`).join(', ')}
        </div>
      </div>
    );
  }
  return (
    <div className="pod-chips">
      {pods.map((p, i) => (p ? <PodChip key={p.key} pod={p} /> : <span key={`hole-${i}`} className="pod-hole" />))}
    </div>
  );
}

function FaultStatus({ node, faults }: { node: string; faults: ObjectSummary[] }) {
  const engine = useEngine();
  const simTime = useUiStore((s) => s.sim.simTime);
  const health = nodeHealth(faults, simTime);
  return (
    <div className="fault-status">
      <span className="fault-badge">{health.faults.join(', ')}</span>
      {health.notReadyIn !== undefined && (
        <span className="countdown" aria-label={`countdowns of ${node}`}>
          {health.notReadyIn > 0 ? `NotReady in ${countdown(health.notReadyIn)}` : 'NotReady'} ·{' '}
          {health.evictionIn! > 0 ? `eviction in ${countdown(health.evictionIn!)}` : 'evicting pods'}
        </span>
      )}
      <button type="button" className="recover nodrag nopan" onPointerDown={(e) => e.stopPropagation()} onClick={() => void recoverAll(engine, node, health.faults)}>
        Recover {node}
      </button>
    </div>
  );
}

/** A cluster node: kubelet, kube-proxy and container runtime, its pods inside, its faults and countdowns. */
export const ClusterNodeCard = memo(function ClusterNodeCard({ data }: NodeProps<ClusterNodeNode>) {
  const { node, pods, faults } = data;
  const engine = useEngine();
  const health = nodeHealth(faults, 0);
  const worker = !isControlPlane(node.labels, node.name);
  const onPointerDown = (e: PointerEvent) => {
    if (!worker) return;
    beginNodeDrag(e, node.name, (name) => void injectFault(engine, name, 'NodeDown'));
  };
  return (
    <div
      className={`cluster-node-card nodrag nopan${worker ? ' draggable' : ''}`}
      aria-label={`node ${node.name}`}
      role="group"
      data-status={node.status}
      data-faulted={faults.length > 0}
      onPointerDown={onPointerDown}
      onContextMenu={(e) => {
        e.preventDefault();
        useUiStore.getState().openNodeMenu({ node: node.name, x: e.clientX, y: e.clientY });
      }}
    >
      {handles}
      <div className="cluster-node-title" onClick={select(node.key)} title="Inspect the node · drag onto the Failure zone to fail it · right-click for more">
        <span className="object-kind">Node</span> <strong>{node.name}</strong> <span className="node-status">{node.status ?? 'Unknown'}</span>
      </div>
      <div className="node-parts">
        <span className="node-part" data-up={health.kubelet}>kubelet</span>
        <span className="node-part" data-up={health.kubeProxy}>kube-proxy</span>
        <span className="node-part" data-up={health.runtime}>containerd</span>
        {health.partitioned && <span className="node-part" data-up={false}>partitioned</span>}
      </div>
      <PodArea pods={pods} label={`on ${node.name}`} />
      {faults.length > 0 && <FaultStatus node={node.name} faults={faults} />}
    </div>
  );
});

/** Pods no node runs yet: the scheduler's queue as the user sees it. */
export const PendingCard = memo(function PendingCard({ data }: NodeProps<PendingNode>) {
  const count = data.pods.reduce((n, p) => n + (p ? 1 : 0), 0);
  return (
    <div className="pending-card" aria-label="Pending pods" role="group" data-count={count}>
      {handles}
      <div className="pending-title">
        <span className="object-kind">Pending</span> {count === 0 ? 'no unscheduled pods' : `${count} not on a node`}
      </div>
      <PodArea pods={data.pods} label="pending" />
    </div>
  );
});

export const nodeTypes = {
  component: ComponentCard,
  users: UsersCard,
  lane: LaneCard,
  object: ObjectCard,
  clusterNode: ClusterNodeCard,
  pending: PendingCard,
};

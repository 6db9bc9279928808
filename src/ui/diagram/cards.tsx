/** The diagram's custom nodes. All memoised: React Flow re-renders a card only when its data changes. */
import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { ComponentView, ObjectSummary } from '../../protocol/messages';

export type ComponentNode = Node<{ component: ComponentView }, 'component'>;
export type UsersNode = Node<Record<string, never>, 'users'>;
export type LaneNode = Node<{ namespace: ObjectSummary; count: number }, 'lane'>;
export type ObjectNode = Node<{ object: ObjectSummary }, 'object'>;
export type ClusterNodeNode = Node<{ node: ObjectSummary; pods: ObjectSummary[] }, 'clusterNode'>;

const handles = (
  <>
    <Handle type="target" position={Position.Left} isConnectable={false} />
    <Handle type="source" position={Position.Right} isConnectable={false} />
  </>
);

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
  const detail = o.kind === 'Pod' ? o.status : o.kind === 'Service' ? `${o.serviceType ?? 'ClusterIP'} ${o.clusterIP ?? ''}` : o.ready;
  return (
    <div
      className={`object-card kind-${o.kind.toLowerCase()}`}
      aria-label={`${o.kind.toLowerCase()} ${o.namespace}/${o.name}`}
      role="group"
      data-status={o.status}
    >
      {handles}
      <div className="object-kind">{o.kind}</div>
      <div className="object-name" title={o.name}>
        {o.name}
      </div>
      {detail && <div className="object-detail">{detail}</div>}
    </div>
  );
});

/** A cluster node with its pods drawn inside as chips (one React Flow node however many pods it runs). */
export const ClusterNodeCard = memo(function ClusterNodeCard({ data }: NodeProps<ClusterNodeNode>) {
  const { node, pods } = data;
  return (
    <div className="cluster-node-card" aria-label={`node ${node.name}`} role="group" data-status={node.status}>
      {handles}
      <div className="cluster-node-title">
        <span className="object-kind">Node</span> {node.name} <span className="object-detail">{node.status}</span>
      </div>
      <div className="pod-chips">
        {pods.map((p) => (
          <span key={p.key} className="pod-chip" aria-label={`pod ${p.namespace}/${p.name}`} data-status={p.status} title={`${p.namespace}/${p.name} ${p.status ?? ''}`} />
        ))}
      </div>
    </div>
  );
});

export const nodeTypes = {
  component: ComponentCard,
  users: UsersCard,
  lane: LaneCard,
  object: ObjectCard,
  clusterNode: ClusterNodeCard,
};

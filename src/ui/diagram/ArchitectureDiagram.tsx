import { useMemo } from 'react';
import { Background, Controls, MiniMap, ReactFlow, type Node, type NodeProps, Handle, Position } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useClusterStore } from '../store/cluster-store';
import type { ComponentView } from '../../protocol/messages';

type ComponentNode = Node<{ component: ComponentView }, 'component'>;

function ComponentCard({ data }: NodeProps<ComponentNode>) {
  const c = data.component;
  return (
    <div className="component-card" aria-label={c.kind} data-healthy={c.healthy} role="group">
      <Handle type="target" position={Position.Left} />
      <div className="component-kind">{c.kind}</div>
      <div className="component-node">{c.node}</div>
      <Handle type="source" position={Position.Right} />
    </div>
  );
}

const nodeTypes = { component: ComponentCard };

const ROW: Record<ComponentView['kind'], { x: number; y: number }> = {
  'kube-apiserver': { x: 260, y: 120 },
  etcd: { x: 20, y: 120 },
  'kube-scheduler': { x: 500, y: 20 },
  'kube-controller-manager': { x: 500, y: 120 },
  'cloud-controller-manager': { x: 500, y: 220 },
};

export function ArchitectureDiagram() {
  const components = useClusterStore((s) => s.components);
  const nodes = useMemo<ComponentNode[]>(
    () => components.map((c) => ({ id: c.id, type: 'component', position: ROW[c.kind], data: { component: c } })),
    [components],
  );
  const edges = useMemo(() => {
    const api = components.find((c) => c.kind === 'kube-apiserver');
    if (!api) return [];
    return components
      .filter((c) => c.id !== api.id)
      .map((c) => (c.kind === 'etcd' ? { id: `${api.id}->${c.id}`, source: c.id, target: api.id } : { id: `${c.id}->${api.id}`, source: api.id, target: c.id }));
  }, [components]);
  return (
    <ReactFlow nodes={nodes} edges={edges} nodeTypes={nodeTypes} fitView proOptions={{ hideAttribution: true }}>
      <Background />
      <MiniMap pannable zoomable />
      <Controls />
    </ReactFlow>
  );
}

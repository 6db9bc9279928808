import { useEffect, useMemo, useRef } from 'react';
import { Background, Controls, MiniMap, ReactFlow, useReactFlow, type Node } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useUiStore } from '../store/ui-store';
import { nodeTypes } from './cards';
import { FlowBuilder } from './build-flow';
import { DiagramLayout, type Rect } from './layout';
import { TrafficLayer } from './TrafficLayer';
import { FailureZone, NodeDragGhost } from './FailureZone';
import { NodeMenu } from './NodeMenu';
import { DiagramToolbar } from './DiagramToolbar';
import { ExportImage } from './ExportImage';

/**
 * Re-fits the view when the diagram's shape changes (a namespace, lane chunk or node appears), not on every
 * change, so a user's pan and zoom survive ordinary updates.
 */
function FitOnShapeChange({ shape }: { shape: string }) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const frame = requestAnimationFrame(() => void fitView({ padding: 0.08, maxZoom: 1, duration: 200 }));
    return () => cancelAnimationFrame(frame);
  }, [shape, fitView]);
  return null;
}

const MINIMAP_COLOURS: Record<string, string> = {
  component: '#1f6feb',
  users: '#8957e5',
  lane: '#30363d',
  object: '#57606a',
  clusterNode: '#3fb950',
  pending: '#d29922',
};
const minimapColour = (n: Node) => (n.type === 'clusterNode' && n.data?.node && String((n.data.node as { status?: string }).status).startsWith('NotReady') ? '#f85149' : (MINIMAP_COLOURS[n.type ?? ''] ?? '#57606a'));

export function ArchitectureDiagram() {
  const components = useUiStore((s) => s.components);
  const objects = useUiStore((s) => s.objects);
  const hidden = useUiStore((s) => s.hiddenNamespaces);
  const layout = useRef<DiagramLayout>(null);
  const builder = useRef<FlowBuilder>(null);
  const places = useRef<ReadonlyMap<string, Rect>>(new Map());
  const { nodes, edges, shape } = useMemo(() => {
    layout.current ??= new DiagramLayout();
    builder.current ??= new FlowBuilder();
    const result = layout.current.layout(objects, hidden);
    places.current = result.places;
    const shape = [components.length, result.nodes.length, ...result.lanes.map((l) => l.rect.height)].join(',');
    return { ...builder.current.build(components, result), shape };
  }, [components, objects, hidden]);
  return (
    <>
      <DiagramToolbar />
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        nodesDraggable={false}
        nodesConnectable={false}
        colorMode="dark"
        fitView
        fitViewOptions={{ padding: 0.08, maxZoom: 1 }}
        minZoom={0.1}
        onPaneClick={() => useUiStore.getState().openNodeMenu(undefined)}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={40} size={1} />
        <MiniMap pannable zoomable style={{ width: 180, height: 120 }} nodeColor={minimapColour} nodeStrokeWidth={0} maskColor="rgba(1, 4, 9, 0.6)" bgColor="#161b22" ariaLabel="Minimap" />
        <Controls showInteractive={false} aria-label="Zoom and fit" />
        <TrafficLayer places={places} />
        <FitOnShapeChange shape={shape} />
        <ExportImage />
      </ReactFlow>
      <FailureZone />
      <NodeDragGhost />
      <NodeMenu />
    </>
  );
}

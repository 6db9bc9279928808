import { useEffect, useMemo, useRef } from 'react';
import { Background, Controls, MiniMap, ReactFlow, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useUiStore } from '../store/ui-store';
import { nodeTypes } from './cards';
import { FlowBuilder } from './build-flow';
import { DiagramLayout, type Rect } from './layout';
import { TrafficLayer } from './TrafficLayer';

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

export function ArchitectureDiagram() {
  const components = useUiStore((s) => s.components);
  const objects = useUiStore((s) => s.objects);
  const layout = useRef<DiagramLayout>(null);
  const builder = useRef<FlowBuilder>(null);
  const places = useRef<ReadonlyMap<string, Rect>>(new Map());
  const { nodes, edges, shape } = useMemo(() => {
    layout.current ??= new DiagramLayout();
    builder.current ??= new FlowBuilder();
    const result = layout.current.layout(objects);
    places.current = result.places;
    const shape = [components.length, result.nodes.length, ...result.lanes.map((l) => l.rect.height)].join(',');
    return { ...builder.current.build(components, result), shape };
  }, [components, objects]);
  return (
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
      proOptions={{ hideAttribution: true }}
    >
      <Background />
      <MiniMap pannable zoomable nodeColor="#3d444d" nodeStrokeColor="#57606a" style={{ width: 140, height: 90 }} />
      <Controls showInteractive={false} />
      <TrafficLayer places={places} />
      <FitOnShapeChange shape={shape} />
    </ReactFlow>
  );
}

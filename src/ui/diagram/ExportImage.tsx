/**
 * Exports the diagram as an image (PNG or SVG) for slides and handouts: the whole cluster, not just what is on
 * screen, rendered from the flow's viewport as the React Flow docs recommend (html-to-image).
 */
import { useState } from 'react';
import { Panel, getNodesBounds, getViewportForBounds, useReactFlow } from '@xyflow/react';
import { toPng, toSvg } from 'html-to-image';

const WIDTH = 1920;
const HEIGHT = 1080;
const BACKGROUND = '#0d1117';

function download(dataUrl: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = dataUrl;
  a.download = fileName;
  a.click();
}

export function ExportImage() {
  const { getNodes } = useReactFlow();
  const [busy, setBusy] = useState(false);
  const exportAs = async (format: 'png' | 'svg') => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    if (!viewport) return;
    setBusy(true);
    try {
      const bounds = getNodesBounds(getNodes());
      const { x, y, zoom } = getViewportForBounds(bounds, WIDTH, HEIGHT, 0.1, 2, 0.04);
      const options = {
        backgroundColor: BACKGROUND,
        width: WIDTH,
        height: HEIGHT,
        style: { width: `${WIDTH}px`, height: `${HEIGHT}px`, transform: `translate(${x}px, ${y}px) scale(${zoom})` },
      };
      const dataUrl = format === 'png' ? await toPng(viewport, options) : await toSvg(viewport, options);
      download(dataUrl, `pilothouse-cluster.${format}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Panel position="top-right" className="export-image" aria-label="Export diagram">
      <button type="button" disabled={busy} onClick={() => void exportAs('png')} title="Download the whole diagram as a PNG image">
        PNG
      </button>
      <button type="button" disabled={busy} onClick={() => void exportAs('svg')} title="Download the whole diagram as an SVG image">
        SVG
      </button>
    </Panel>
  );
}

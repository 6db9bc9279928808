/**
 * The Monaco editor for the YAML buffer (default export: loaded lazily). Apply results with a line become markers
 * at that line; Ctrl/Cmd+Enter applies.
 */
import { useEffect, useRef } from 'react';
import { monaco } from './monaco-setup';
import { useUiStore } from '../store/ui-store';

const MARKER_OWNER = 'kubectl-apply';

export default function YamlEditor({ onApply }: { onApply: () => void }) {
  const host = useRef<HTMLDivElement>(null);
  const applyRef = useRef(onApply);
  useEffect(() => {
    applyRef.current = onApply;
  }, [onApply]);

  useEffect(() => {
    if (!host.current) return;
    const model = monaco.editor.createModel(useUiStore.getState().yaml, 'yaml', monaco.Uri.parse('file:///manifest.yaml'));
    const editor = monaco.editor.create(host.current, {
      model,
      theme: 'vs-dark',
      automaticLayout: true,
      minimap: { enabled: false },
      fontSize: 13,
      tabSize: 2,
      scrollBeyondLastLine: false,
      ariaLabel: 'YAML manifest',
    });
    const changes = model.onDidChangeContent(() => {
      useUiStore.getState().setYaml(model.getValue());
      monaco.editor.setModelMarkers(model, MARKER_OWNER, []);
    });
    editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => applyRef.current());
    const showMarkers = (lines = useUiStore.getState().applyResult) => {
      const markers = (lines ?? [])
        .filter((l) => !l.ok && l.line)
        .map((l) => ({
          severity: monaco.MarkerSeverity.Error,
          message: l.text,
          startLineNumber: l.line!,
          startColumn: l.column ?? 1,
          endLineNumber: l.line!,
          endColumn: model.getLineMaxColumn(Math.min(l.line!, model.getLineCount())),
        }));
      monaco.editor.setModelMarkers(model, MARKER_OWNER, markers);
    };
    showMarkers();
    const off = useUiStore.subscribe((s, prev) => {
      if (s.applyResult !== prev.applyResult) showMarkers(s.applyResult);
      // Someone else filled the buffer (a template, kubectl edit): the editor follows.
      if (s.yaml !== prev.yaml && s.yaml !== model.getValue()) model.setValue(s.yaml);
    });
    return () => {
      off();
      changes.dispose();
      editor.dispose();
      model.dispose();
    };
  }, []);

  return <div ref={host} className="monaco-host" data-testid="yaml-editor" />;
}

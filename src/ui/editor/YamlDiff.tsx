/** File vs live objects in Monaco's diff editor (default export: loaded lazily with Monaco). */
import { useEffect, useRef } from 'react';
import { monaco } from './monaco-setup';
import { useUiStore } from '../store/ui-store';

export default function YamlDiff({ live }: { live: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!host.current) return;
    const original = monaco.editor.createModel(live, 'yaml');
    const modified = monaco.editor.createModel(useUiStore.getState().yaml, 'yaml');
    const editor = monaco.editor.createDiffEditor(host.current, {
      theme: 'vs-dark',
      automaticLayout: true,
      readOnly: true,
      renderSideBySide: false,
      minimap: { enabled: false },
      fontSize: 12,
      scrollBeyondLastLine: false,
    });
    editor.setModel({ original, modified });
    return () => {
      editor.dispose();
      original.dispose();
      modified.dispose();
    };
  }, [live]);
  return <div ref={host} className="monaco-host" data-testid="yaml-diff" aria-label="Diff of live objects and the file" />;
}

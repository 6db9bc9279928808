/**
 * Share: a link that reproduces this run exactly (its recording, the editor text, presenter mode), plus the same as
 * a file, and the manifests as a YAML bundle for a real cluster. Import opens a scenario file.
 */
import { useRef, useState } from 'react';
import { useEngine } from '../bridge/engine-context';
import { useUiStore } from '../store/ui-store';
import { decodeShareState, encodeShareState, type SharedState } from './share-link';

function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function ShareButton() {
  const engine = useEngine();
  const [link, setLink] = useState<string>();
  const [state, setState] = useState<SharedState>();
  const [copied, setCopied] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const open = async () => {
    if (!engine) return;
    const { yaml, view } = useUiStore.getState();
    const shared: SharedState = { recording: await engine.recording(), editor: yaml, view: { presenter: view.presenter } };
    setState(shared);
    setLink(`${location.origin}${location.pathname}#${encodeShareState(shared)}`);
    setCopied(false);
  };
  const close = () => setLink(undefined);
  const importFile = async (file: File | undefined) => {
    if (!engine || !file) return;
    const { notify, loadBuffer } = useUiStore.getState();
    if (file.size > 4 * 1024 * 1024) return notify(`${file.name} is too large to be a Pilothouse scenario.`, false);
    const text = await file.text();
    let decoded;
    try {
      const parsed = JSON.parse(text) as { pilothouse?: string; link?: string };
      decoded = typeof parsed.link === 'string' ? decodeShareState(parsed.link) : { ok: false as const, error: 'This file is not a Pilothouse scenario.' };
    } catch {
      decoded = { ok: false as const, error: 'This file is not a Pilothouse scenario (not JSON).' };
    }
    if (!decoded.ok) return notify(decoded.error, false);
    if (decoded.state.editor !== undefined) loadBuffer(decoded.state.editor);
    const r = await engine.load(decoded.state.recording);
    notify(r.ok ? `Scenario ${file.name} opened: ${r.message}` : r.message, r.ok);
    close();
  };
  return (
    <>
      <button type="button" className="topbar-toggle" onClick={() => void open()} disabled={!engine} title="A link that reproduces this run exactly">
        Share
      </button>
      {link !== undefined && (
        <div className="modal-backdrop" onClick={close}>
          <div className="modal" role="dialog" aria-modal="true" aria-label="Share" onClick={(e) => e.stopPropagation()} onKeyDown={(e) => e.key === 'Escape' && close()}>
            <h2>Share this run</h2>
            <p className="hint">Opening the link replays this run exactly: same pods, IPs, placements and events, up to this moment. Everything is in the link; nothing is uploaded.</p>
            <input aria-label="Share link" readOnly value={link} onFocus={(e) => e.currentTarget.select()} />
            <div className="modal-actions">
              <button
                type="button"
                onClick={() =>
                  void navigator.clipboard
                    ?.writeText(link)
                    .then(() => setCopied(true))
                    .catch(() => setCopied(false))
                }
              >
                {copied ? 'Copied' : 'Copy link'}
              </button>
              <button type="button" onClick={() => download('pilothouse-scenario.json', JSON.stringify({ pilothouse: 'scenario', link: encodeShareState(state!) }, null, 2), 'application/json')}>
                Export scenario file
              </button>
              <button
                type="button"
                onClick={() =>
                  void engine?.exportManifests().then((yaml) => download('pilothouse-manifests.yaml', yaml, 'application/yaml'))
                }
              >
                Export manifests (YAML)
              </button>
              <button type="button" onClick={() => fileInput.current?.click()}>
                Import scenario file…
              </button>
              <input ref={fileInput} type="file" accept=".json,application/json" hidden aria-label="Scenario file" onChange={(e) => void importFile(e.target.files?.[0])} />
              <button type="button" onClick={close}>
                Close
              </button>
            </div>
          </div>
        </div>
      )}
    </>
  );
}

/** Shown when the tab was opened with a link that can't be used; the app runs a fresh cluster meanwhile. */
export function LinkErrorDialog() {
  const error = useUiStore((s) => s.linkError);
  if (!error) return null;
  return (
    <div className="modal-backdrop">
      <div className="modal" role="alertdialog" aria-label="Link error">
        <h2>This link could not be opened</h2>
        <p>{error}</p>
        <p className="hint">You are looking at a fresh cluster instead.</p>
        <div className="modal-actions">
          <button type="button" onClick={() => useUiStore.getState().setLinkError(undefined)}>
            OK
          </button>
        </div>
      </div>
    </div>
  );
}

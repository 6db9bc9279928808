/**
 * The kubectl console: Enter runs the line, ↑/↓ walk the history, Tab completes, output accumulates in a log.
 * A streaming command (`-w`, `rollout status`) keeps writing into the log until Ctrl+C or the next command;
 * `kubectl edit` opens the object in the YAML editor.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useEngine } from '../bridge/engine-context';
import { useUiStore } from '../store/ui-store';
import { complete } from './complete';

export function KubectlConsole() {
  const engine = useEngine();
  const output = useUiStore((s) => s.output);
  const streaming = useUiStore((s) => s.activeStream !== undefined);
  const [line, setLine] = useState('');
  const [cursor, setCursor] = useState<number | undefined>(undefined);
  const logRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    logRef.current?.scrollTo({ top: logRef.current.scrollHeight });
  }, [output]);

  const stopStream = () => {
    const { activeStream, setActiveStream } = useUiStore.getState();
    if (activeStream === undefined || !engine) return false;
    engine.stopKubectl(activeStream);
    setActiveStream(undefined);
    return true;
  };

  const run = async () => {
    const command = line.trim();
    if (!command || !engine) return;
    stopStream();
    const { appendOutput, pushHistory, setActiveStream, loadBuffer, setSideTab } = useUiStore.getState();
    pushHistory(command);
    setLine('');
    setCursor(undefined);
    appendOutput('command', `$ ${command}`);
    try {
      const answer = await engine.kubectl(command);
      if (answer.stdout) appendOutput('stdout', answer.stdout.replace(/\n$/, ''));
      if (answer.stderr) appendOutput('stderr', answer.stderr.replace(/\n$/, ''));
      if (answer.streamId !== undefined) setActiveStream(answer.streamId);
      if (answer.edit) {
        loadBuffer(answer.edit.text, answer.edit.ref);
        setSideTab('yaml');
        appendOutput('info', `Editing ${answer.edit.ref} in the YAML editor: change it and Apply.`);
      }
    } catch (err) {
      appendOutput('stderr', err instanceof Error ? err.message : String(err));
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const { history, resources, objects, appendOutput } = useUiStore.getState();
    if (e.key === 'Enter') {
      e.preventDefault();
      void run();
    } else if (e.key === 'c' && e.ctrlKey && !e.metaKey) {
      // Ctrl+C: stop the stream, or drop the line as a shell does.
      const selection = e.currentTarget.selectionStart !== e.currentTarget.selectionEnd;
      if (selection) return;
      e.preventDefault();
      if (stopStream()) appendOutput('command', '^C');
      else if (line) {
        appendOutput('command', `$ ${line}^C`);
        setLine('');
      }
    } else if (e.key === 'Tab') {
      e.preventDefault();
      const c = complete(line, resources, objects);
      if (c.line !== line) setLine(c.line);
      else if (c.candidates.length > 1) appendOutput('info', c.candidates.join('  '));
    } else if (e.key === 'ArrowUp' && history.length > 0) {
      e.preventDefault();
      const next = cursor === undefined ? history.length - 1 : Math.max(0, cursor - 1);
      setCursor(next);
      setLine(history[next]);
    } else if (e.key === 'ArrowDown' && cursor !== undefined) {
      e.preventDefault();
      const next = cursor + 1;
      if (next >= history.length) {
        setCursor(undefined);
        setLine('');
      } else {
        setCursor(next);
        setLine(history[next]);
      }
    }
  };

  return (
    <section className="console" aria-label="kubectl console">
      <div ref={logRef} className="console-output" role="log" aria-label="kubectl output">
        {output.map((o) => (
          <pre key={o.id} className={`console-${o.kind}`}>
            {o.text}
          </pre>
        ))}
      </div>
      <div className="console-input">
        <span className="prompt" aria-hidden="true">
          $ kubectl
        </span>
        <input
          type="text"
          aria-label="kubectl"
          spellCheck={false}
          autoComplete="off"
          placeholder={streaming ? 'streaming… Ctrl+C to stop' : 'get pods   (Tab completes)'}
          value={line}
          onChange={(e) => setLine(e.target.value)}
          onKeyDown={onKeyDown}
        />
        {streaming && <span className="streaming" aria-label="Streaming">● watching</span>}
      </div>
    </section>
  );
}

/** The kubectl console: Enter runs the line, ↑/↓ walk the history, output accumulates in a log. */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useEngine } from '../bridge/engine-context';
import { useUiStore } from '../store/ui-store';

export function KubectlConsole() {
  const engine = useEngine();
  const output = useUiStore((s) => s.output);
  const [line, setLine] = useState('');
  const [cursor, setCursor] = useState<number | undefined>(undefined);
  const logRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    logRef.current?.scrollTo({ top: logRef.current.scrollHeight });
  }, [output]);

  const run = async () => {
    const command = line.trim();
    if (!command || !engine) return;
    const { appendOutput, pushHistory } = useUiStore.getState();
    pushHistory(command);
    setLine('');
    setCursor(undefined);
    appendOutput('command', `$ ${command}`);
    try {
      const answer = await engine.kubectl(command);
      if (answer.stdout) appendOutput('stdout', answer.stdout.replace(/\n$/, ''));
      if (answer.stderr) appendOutput('stderr', answer.stderr.replace(/\n$/, ''));
    } catch (err) {
      appendOutput('stderr', err instanceof Error ? err.message : String(err));
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const history = useUiStore.getState().history;
    if (e.key === 'Enter') {
      e.preventDefault();
      void run();
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
          placeholder="get pods"
          value={line}
          onChange={(e) => setLine(e.target.value)}
          onKeyDown={onKeyDown}
        />
      </div>
    </section>
  );
}

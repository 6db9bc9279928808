/**
 * The lessons: pick one, and it starts a fresh cluster with its setup; each step explains, points at the diagram,
 * offers its commands (Run) or manifest (Open in editor), asks its prediction, and watches its check — through
 * the engine, every half second — until it holds. Then Next.
 */
import { useEffect, useState } from 'react';
import { LESSONS, lessonById, type Lesson } from '../../lessons';
import { useEngine } from '../bridge/engine-context';
import type { EngineClient } from '../bridge/engine-client';
import { useUiStore } from '../store/ui-store';
import { runInConsole } from '../actions/node-actions';
import { clearRun } from '../share/autosave';

const CHECK_EVERY_MS = 500;

async function startLesson(engine: EngineClient, lesson: Lesson): Promise<void> {
  const store = useUiStore.getState();
  clearRun();
  engine.init(lesson.cluster?.seed ?? 1, lesson.cluster?.workers ?? 3);
  store.startLesson(lesson.id, lesson.steps.length);
  if (lesson.setup) {
    const lines = await engine.apply(lesson.setup);
    const failed = lines.filter((l) => !l.ok);
    store.notify(failed.length ? `Lesson setup failed: ${failed[0].text}` : `Lesson "${lesson.title}" is ready`, failed.length === 0);
  }
}

function LessonList() {
  const engine = useEngine();
  return (
    <ul className="lesson-list" aria-label="Lesson list">
      {LESSONS.map((l) => (
        <li key={l.id}>
          <button type="button" disabled={!engine} onClick={() => engine && void startLesson(engine, l)}>
            <strong>{l.title}</strong>
            <span className="hint">{l.goal}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

function StepView({ lesson }: { lesson: Lesson }) {
  const engine = useEngine();
  const progress = useUiStore((s) => s.lesson)!;
  const check = useUiStore((s) => s.lessonCheck);
  const [revealed, setRevealed] = useState(false);
  const step = lesson.steps[progress.step];
  const done = progress.done[progress.step];
  useEffect(() => setRevealed(false), [progress.step]);
  // Watch the step's check while it is open.
  useEffect(() => {
    if (!engine || !step) return;
    let stopped = false;
    const poll = async () => {
      const result = await engine.lessonCheck(step.check).catch(() => undefined);
      if (stopped || !result) return;
      const store = useUiStore.getState();
      store.setLessonCheck(result);
      if (result.ok) store.markStepDone(progress.step);
    };
    void poll();
    const timer = setInterval(() => void poll(), CHECK_EVERY_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [engine, step, progress.step]);
  const allDone = progress.done.every(Boolean);
  const last = progress.step === lesson.steps.length - 1;
  const { goToStep, quitLesson, loadBuffer, setSideTab } = useUiStore.getState();
  return (
    <div className="lesson" aria-label={`Lesson: ${lesson.title}`}>
      <div className="lesson-head">
        <strong>{lesson.title}</strong>
        <button type="button" className="link" onClick={quitLesson}>
          All lessons
        </button>
      </div>
      <ol className="lesson-steps" aria-label="Steps">
        {lesson.steps.map((s, i) => (
          <li key={s.title} aria-current={i === progress.step ? 'step' : undefined} data-done={progress.done[i] || undefined}>
            <button type="button" className="link" onClick={() => goToStep(i)}>
              {progress.done[i] ? '✓ ' : ''}
              {s.title}
            </button>
          </li>
        ))}
      </ol>
      <section className="lesson-step" aria-label="Current step">
        <h3>
          Step {progress.step + 1} of {lesson.steps.length}: {step.title}
        </h3>
        <p>{step.explain}</p>
        {step.predict && (
          <div className="predict" aria-label="Predict">
            <p>
              <strong>Predict:</strong> {step.predict.question}
            </p>
            {revealed || done ? (
              <p className="answer">{step.predict.answer}</p>
            ) : (
              <button type="button" className="link" onClick={() => setRevealed(true)}>
                Reveal the answer
              </button>
            )}
          </div>
        )}
        {step.yaml && (
          <button
            type="button"
            onClick={() => {
              loadBuffer(step.yaml!);
              setSideTab('yaml');
            }}
          >
            Open the manifest in the editor
          </button>
        )}
        {(step.kubectl ?? []).map((line) => (
          <div key={line} className="lesson-command">
            <code>{line}</code>
            <button type="button" aria-label={`Run ${line}`} onClick={() => void runInConsole(engine, line)}>
              Run
            </button>
          </div>
        ))}
        <p className={done ? 'check ok' : 'check'} role="status" aria-label="Step check">
          {done ? '✓ Done: ' : 'Waiting: '}
          {check?.detail ?? '…'}
        </p>
        <div className="lesson-nav">
          <button type="button" disabled={progress.step === 0} onClick={() => goToStep(progress.step - 1)}>
            Back
          </button>
          {!last && (
            <button type="button" className={done ? 'primary' : ''} onClick={() => goToStep(progress.step + 1)}>
              {done ? 'Next' : 'Skip'}
            </button>
          )}
        </div>
        {allDone && <p className="lesson-complete">Lesson complete. Well done!</p>}
      </section>
    </div>
  );
}

export function LessonsPanel() {
  const progress = useUiStore((s) => s.lesson);
  const lesson = progress ? lessonById(progress.id) : undefined;
  return <div className="lessons-panel">{lesson ? <StepView lesson={lesson} /> : <LessonList />}</div>;
}

/**
 * A lesson: a starting cluster, then steps that each explain something, point at the diagram, suggest what to do
 * (a kubectl command or a manifest) and check — through the API — that it happened. Plain data, versioned with the
 * app; the checks are data too (checks.ts).
 */
import type { Check } from './checks';

export interface LessonStep {
  title: string;
  /** A few sentences: what to do and what to watch for. */
  explain: string;
  /** Accessible names of diagram elements to highlight: `kube-scheduler`, `node worker-2`, `service default/web`. */
  highlight?: string[];
  /** Commands to try, in order (the panel runs them in the console on request). */
  kubectl?: string[];
  /** A manifest for the editor (the panel loads it; the learner presses Apply). */
  yaml?: string;
  /** "Predict, then run": asked before the learner acts; the answer is revealed after the check passes. */
  predict?: { question: string; answer: string };
  /** Roughly how much simulated time the step needs after its action (ms), at 1× speed. */
  wait?: number;
  /** Holds once the step is done. */
  check: Check;
}

export interface Lesson {
  id: string;
  title: string;
  /** One line: what the learner will understand. */
  goal: string;
  /** The cluster the lesson starts from (default: seed 1, three workers). */
  cluster?: { seed?: number; workers?: number };
  /** Applied when the lesson starts (as the learner's first action, so share links carry it). */
  setup?: string;
  /** Sim time to let the setup settle before the first step (ms). */
  settle?: number;
  steps: LessonStep[];
}

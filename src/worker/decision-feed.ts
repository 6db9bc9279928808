/**
 * Controller and scheduler decisions as narration lines: the kube-controller-manager's DecisionLog (every reconcile
 * that did something or failed) as it records them, and the scheduler's narrations, read since the last look.
 */
import type { Cluster } from '../engine/cluster';
import type { Decision } from '../engine/client/decision-log';
import type { NarrationView } from '../protocol/messages';
import { schedulerOf } from './engine-rooms';

export function controllerNarration(d: Decision): NarrationView | undefined {
  const error = d.outcome === 'error';
  const what = d.note ?? (error ? d.result.error : undefined);
  if (!what) return undefined; // a reconcile that found nothing to do
  return {
    t: d.t,
    source: 'controller',
    actor: d.controller,
    subject: d.key,
    text: error ? `${d.controller} failed to sync ${d.key}: ${what}` : `${d.controller} ${what} (${d.key})`,
    ...(error ? { error: true } : {}),
  };
}

export class DecisionFeed {
  private readonly off: () => void;
  private lastNarration: unknown;

  constructor(
    private readonly cluster: Cluster,
    private readonly emit: (line: NarrationView) => void,
  ) {
    this.off = cluster.controllerManager.context.decisions.subscribe((d) => {
      const line = controllerNarration(d);
      if (line) this.emit(line);
    });
    // Narrations from before the UI attached are history, not news.
    this.lastNarration = schedulerOf(cluster)?.narrations?.().at(-1);
  }

  /** Emits the scheduler's narrations written since the last poll (its log is bounded, so find where we were). */
  poll(): void {
    const lines = schedulerOf(this.cluster)?.narrations?.();
    if (!lines || lines.length === 0) return;
    let start = 0;
    if (this.lastNarration !== undefined) {
      const at = lines.lastIndexOf(this.lastNarration as (typeof lines)[number]);
      start = at + 1; // not found (trimmed away): all of them are new
    }
    for (let i = start; i < lines.length; i++) this.emit({ t: lines[i].time, source: 'scheduler', actor: 'kube-scheduler', text: lines[i].text });
    this.lastNarration = lines.at(-1);
  }

  stop(): void {
    this.off();
  }
}

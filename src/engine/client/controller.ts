/**
 * The controller runtime: informer events ⇒ keys ⇒ a rate-limited work queue ⇒ `reconcile(key)`, one key per
 * clock event, as sample-controller's Run → runWorker → processNextWorkItem → syncHandler.
 *
 * - Events map to keys through mappers (the object's key, its owner's key, …) and are deduplicated by the queue.
 * - Processing starts once every watched informer has synced (WaitForCacheSync).
 * - Each reconcile is its own clock event, so the UI can step through them; keys are taken in queue order and
 *   never processed concurrently. Upstream workers run in parallel, but a reconcile takes no virtual time here,
 *   so a single simulated worker reaches the same states deterministically.
 * - Results follow controller-runtime: an error is retried with per-key exponential backoff, `requeueAfter`
 *   forgets the backoff and comes back after the delay, `requeue` backs off, success forgets the key.
 * - Every reconcile is recorded in the decision log.
 */
import type { Engine } from '../engine';
import type { Timer } from '../clock/virtual-clock';
import { registerTarget } from './clock-target';
import { DecisionLog, type DecisionOutcome } from './decision-log';
import { enqueueForObject, type KeyMapper } from './event-mappers';
import type { SharedIndexInformer } from './informer';
import { unwrapTombstone } from './object-keys';
import type { RateLimiter } from './rate-limiter';
import type { ReconcileResult, Reconciler } from './reconciler';
import type { KubeObject } from './rest-client';
import { WorkQueue } from './workqueue';

export interface ControllerOptions {
  rateLimiter?: RateLimiter<string>;
  /** Shared log the UI reads; each controller gets its own when none is given. */
  decisionLog?: DecisionLog;
}

/** Which events a watch reacts to (controller-runtime predicates). All pass when absent. */
export interface WatchPredicates<T> {
  create?(obj: T): boolean;
  update?(oldObj: T, newObj: T): boolean;
  delete?(obj: T): boolean;
}

export class Controller {
  readonly queue: WorkQueue;
  readonly decisions: DecisionLog;
  readonly target: string;
  private informers: SharedIndexInformer<KubeObject>[] = [];
  private started = false;
  private synced = false;
  private stopped = false;

  constructor(
    private readonly engine: Engine,
    readonly name: string,
    private readonly reconciler: Reconciler,
    opts: ControllerOptions = {},
  ) {
    this.queue = new WorkQueue(engine, name, { rateLimiter: opts.rateLimiter });
    this.decisions = opts.decisionLog ?? new DecisionLog();
    this.target = registerTarget(engine, `controller/${name}`, (t) => this.onTimer(t));
    this.queue.onReady(() => this.wake());
  }

  /** Reconciles keys mapped from an informer's events (by default, the object's own key). */
  watches<T extends KubeObject>(informer: SharedIndexInformer<T>, mapper: KeyMapper<T> = enqueueForObject, predicates: WatchPredicates<T> = {}): this {
    this.informers.push(informer as unknown as SharedIndexInformer<KubeObject>);
    const enqueue = (obj: T) => {
      for (const key of mapper(obj)) this.queue.add(key);
    };
    informer.addEventHandler({
      onAdd: (obj) => {
        if (!predicates.create || predicates.create(obj)) enqueue(obj);
      },
      onUpdate: (oldObj, newObj) => {
        if (predicates.update && !predicates.update(oldObj, newObj)) return;
        const keys = new Set([...mapper(oldObj), ...mapper(newObj)]);
        for (const key of keys) this.queue.add(key);
      },
      onDelete: (obj) => {
        const last = unwrapTombstone(obj);
        if (!predicates.delete || predicates.delete(last)) enqueue(last);
      },
    });
    if (this.started) informer.run();
    return this;
  }

  /** Puts a key on the queue directly (e.g. from a timer or another component). */
  enqueue(key: string): void {
    this.queue.add(key);
  }

  /** Starts the watched informers (shared ones are started once) and processes keys once they have synced. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const informer of this.informers) informer.run();
    this.waitForSync();
  }

  stop(): void {
    this.stopped = true;
    this.queue.shutDown();
    this.engine.clock.cancel(this.target, 'work');
  }

  get hasSynced(): boolean {
    return this.synced;
  }

  private waitForSync(): void {
    const pending = this.informers.filter((i) => !i.hasSynced());
    if (pending.length === 0) {
      this.synced = true;
      this.wake();
      return;
    }
    pending[0].onSynced(() => this.waitForSync());
  }

  private wake(): void {
    if (!this.synced || this.stopped || this.queue.len() === 0) return;
    this.engine.clock.scheduleEarliest(0, this.target, 'work');
  }

  private onTimer(timer: Timer): void {
    if (timer.key !== 'work' || this.stopped) return;
    const key = this.queue.get();
    if (key === undefined) return;
    this.process(key);
    this.wake();
  }

  private process(key: string): void {
    const requeues = this.queue.numRequeues(key);
    let result: ReconcileResult;
    try {
      result = this.reconciler.reconcile(key);
    } catch (err) {
      // controller-runtime recovers reconciler panics into errors so one bad key cannot stop the controller.
      result = { error: `panic: ${err instanceof Error ? err.message : String(err)} [recovered]` };
    }
    let outcome: DecisionOutcome;
    if (result.error !== undefined) {
      outcome = 'error';
      this.queue.addRateLimited(key);
    } else if (result.requeueAfter !== undefined && result.requeueAfter > 0) {
      outcome = 'requeue-after';
      this.queue.forget(key);
      this.queue.addAfter(key, result.requeueAfter);
    } else if (result.requeue) {
      outcome = 'requeue';
      this.queue.addRateLimited(key);
    } else {
      outcome = 'done';
      this.queue.forget(key);
    }
    this.queue.done(key);
    this.decisions.record({
      controller: this.name,
      key,
      t: this.engine.now(),
      result,
      outcome,
      note: result.error ?? result.note,
      requeues,
    });
  }
}

/**
 * The reflector: keeps a local store in step with the apiserver by list-then-watch, as client-go's does.
 *
 * - List (paged, 500 per page) at the last synced resourceVersion — "0" at first, "" once that version is known
 *   to be gone — and hand the whole result to the store (`replace`).
 * - Watch from the list's resourceVersion with bookmarks; every event moves the last synced version forward.
 * - A watch that closes cleanly is reopened at once from the last synced version; one that ends with an ERROR
 *   event (e.g. 410 Expired) or cannot be opened ends the cycle, and the next list comes after the backoff
 *   (800 ms doubling to 30 s, jittered, on the virtual clock).
 *
 * Each step is its own clock event, so the UI can show the list, the watch and the re-list as they happen.
 */
import type { Engine } from '../engine';
import type { Timer } from '../clock/virtual-clock';
import type { Status } from '../apiserver/status';
import type { WatchEvent, WatchHandle } from '../apiserver/types';
import { isResourceExpired, isTooManyRequests } from './api-result';
import { ExponentialBackoff } from './backoff';
import { registerTarget } from './clock-target';
import type { KubeObject, ResourceClient } from './rest-client';

/** Where a reflector delivers what it learns. */
export interface ReflectorStore<T> {
  /** A complete list: everything that exists now (objects missing from it were deleted). */
  replace(items: T[], resourceVersion: string): void;
  /** One ADDED, MODIFIED or DELETED watch event. */
  apply(event: WatchEvent<T>): void;
}

export interface ReflectorOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Page size of the list (client-go's pager default). */
  pageSize?: number;
  /** Name of the clock target; defaults to `reflector/<client>/<resource>`. */
  name?: string;
}

export type ReflectorPhase = 'idle' | 'listing' | 'watching' | 'backoff' | 'stopped';

/** Upstream picks a watch timeout in [5 min, 10 min); the apiserver ends the watch then and the reflector reopens it. */
const MIN_WATCH_TIMEOUT_SECONDS = 300;
/** A watch that ends this quickly without events is treated as an error (upstream's "very short watch"). */
const VERY_SHORT_WATCH_MS = 1000;

export class Reflector<T extends KubeObject> {
  readonly target: string;
  private lastSyncRV = '';
  /** Set when the server said the last synced version is too old, so the next list must be a fresh one. */
  private lastSyncRVUnavailable = false;
  private readonly backoff: ExponentialBackoff;
  private watchHandle: WatchHandle | undefined;
  /** Increments per opened watch, so callbacks of a watch we abandoned are ignored. */
  private watchGeneration = 0;
  private phaseValue: ReflectorPhase = 'idle';
  /** What happened last, in upstream's log wording (for the UI's inspector). */
  lastError: string | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly client: ResourceClient<T>,
    private readonly store: ReflectorStore<T>,
    private readonly opts: ReflectorOptions = {},
  ) {
    this.backoff = new ExponentialBackoff(engine.rng, () => engine.now());
    this.target = registerTarget(engine, opts.name ?? `reflector/${client.info.plural}`, (t) => this.onTimer(t));
  }

  get phase(): ReflectorPhase {
    return this.phaseValue;
  }

  get lastSyncResourceVersion(): string {
    return this.lastSyncRV;
  }

  /** Starts list-and-watch on the next clock event. */
  run(): void {
    if (this.phaseValue !== 'idle') return;
    this.phaseValue = 'listing';
    this.engine.clock.schedule(0, this.target, 'list');
  }

  stop(): void {
    this.phaseValue = 'stopped';
    this.closeWatch();
    this.engine.clock.cancel(this.target, 'list');
    this.engine.clock.cancel(this.target, 'watch');
  }

  private onTimer(timer: Timer): void {
    if (this.phaseValue === 'stopped') return;
    if (timer.key === 'list') this.listAndWatch();
    else if (timer.key === 'watch') this.startWatch();
  }

  /** The resourceVersion to list at: "0" (any cached state) first, the last synced one after, "" if it expired. */
  private relistResourceVersion(): string {
    if (this.lastSyncRVUnavailable) return '';
    return this.lastSyncRV || '0';
  }

  private listAndWatch(): void {
    this.phaseValue = 'listing';
    const listed = this.list(this.relistResourceVersion());
    if (!listed.ok) {
      this.lastError = `failed to list ${this.description()}: ${listed.status.message ?? listed.status.reason}`;
      this.retryAfterBackoff();
      return;
    }
    this.lastSyncRVUnavailable = false;
    this.lastSyncRV = listed.resourceVersion;
    this.store.replace(listed.items, listed.resourceVersion);
    this.startWatch();
  }

  /** Pages through the list; an expired resourceVersion or continue token falls back to one fresh list. */
  private list(resourceVersion: string): { ok: true; items: T[]; resourceVersion: string } | { ok: false; status: Status } {
    const items: T[] = [];
    let cont: string | undefined;
    let rv = resourceVersion;
    for (;;) {
      const page = this.client.list(this.opts.namespace, {
        labelSelector: this.opts.labelSelector,
        fieldSelector: this.opts.fieldSelector,
        limit: this.opts.pageSize ?? 500,
        continue: cont,
        // The resourceVersion only goes with the first page; continue tokens carry their own.
        resourceVersion: cont ? undefined : rv,
        shared: true,
      });
      if (!page.ok) {
        if (isResourceExpired(page.status) && (cont || rv !== '')) {
          // Too old to page through consistently (or to list at): start over with a fresh, unpaged-by-version list.
          this.lastSyncRVUnavailable = true;
          items.length = 0;
          cont = undefined;
          rv = '';
          continue;
        }
        return page;
      }
      items.push(...page.value.items);
      cont = page.value.metadata.continue;
      if (!cont) return { ok: true, items, resourceVersion: page.value.metadata.resourceVersion ?? '' };
    }
  }

  private startWatch(): void {
    if (this.phaseValue === 'stopped') return;
    this.closeWatch();
    const generation = ++this.watchGeneration;
    const openedAt = this.engine.now();
    let events = 0;
    let ended = false;
    const timeoutSeconds = Math.floor(MIN_WATCH_TIMEOUT_SECONDS * (1 + this.engine.rng.next()));
    const res = this.client.watch(
      this.opts.namespace,
      {
        resourceVersion: this.lastSyncRV,
        labelSelector: this.opts.labelSelector,
        fieldSelector: this.opts.fieldSelector,
        allowWatchBookmarks: true,
        timeoutSeconds,
        shared: true,
      },
      {
        onEvent: (e) => {
          if (generation !== this.watchGeneration || ended) return;
          events++;
          if (e.type === 'ERROR') {
            ended = true;
            this.watchEndedWithError(e.object as unknown as Status);
            return;
          }
          const rv = e.object?.metadata?.resourceVersion;
          if (e.type !== 'BOOKMARK') this.store.apply(e);
          if (rv) this.lastSyncRV = rv;
        },
        onClose: () => {
          if (generation !== this.watchGeneration || ended) return;
          ended = true;
          this.watchHandle = undefined;
          if (events === 0 && this.engine.now() - openedAt < VERY_SHORT_WATCH_MS) {
            this.lastError = `very short watch: ${this.description()}: Unexpected watch close - watch lasted less than a second and no items received`;
            this.retryAfterBackoff();
            return;
          }
          // A clean close (timeout, apiserver restart): reopen from where we were, without re-listing.
          this.engine.clock.schedule(0, this.target, 'watch');
        },
      },
    );
    if (!res.ok) {
      this.lastError = `failed to watch ${this.description()}: ${res.status.message ?? res.status.reason}`;
      if (isTooManyRequests(res.status)) {
        this.phaseValue = 'backoff';
        this.engine.clock.schedule(this.backoff.next(), this.target, 'watch');
        return;
      }
      if (isResourceExpired(res.status)) this.lastSyncRVUnavailable = true;
      this.retryAfterBackoff();
      return;
    }
    this.watchHandle = res.value;
    this.phaseValue = 'watching';
  }

  private watchEndedWithError(status: Status): void {
    this.closeWatch();
    // Like upstream, an expired watch does not mark the version unavailable: a list "not older than" it is still
    // valid. If that list fails with 410 too, `list` falls back to a fresh one.
    this.lastError = `watch of ${this.description()} closed with: ${status.message ?? status.reason}`;
    this.retryAfterBackoff();
  }

  private retryAfterBackoff(): void {
    this.closeWatch();
    this.phaseValue = 'backoff';
    this.engine.clock.schedule(this.backoff.next(), this.target, 'list');
  }

  private closeWatch(): void {
    this.watchGeneration++;
    this.watchHandle?.stop();
    this.watchHandle = undefined;
  }

  private description(): string {
    // The Go type, as upstream's messages name it: `*v1.Pod`, `*v1.Deployment`.
    return `*${this.client.gvr.version}.${this.client.info.kind}`;
  }
}

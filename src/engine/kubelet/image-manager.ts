/**
 * The kubelet's image manager (pkg/kubelet/images) over the node's containerd image store: pull policy, serial
 * pulls on virtual time (a pull queued behind another one waits, and the Pulled event says so), pull back-off per
 * pod and image, and the events and waiting reasons the 1.32 kubelet reports.
 */
import type { Container } from 'kubernetes-types/core/v1';
import { applyDefaultImageTag, resolveImage, pulledEventMessage, type ImageConfig } from '../runtime/images';
import { Backoff } from './backoff';

/** What containerd on one machine has pulled, by canonical reference. Survives kubelet restarts and reboots. */
export class ImageStore {
  private images = new Map<string, ImageConfig>();

  add(image: ImageConfig): void {
    this.images.set(image.reference, image);
  }

  get(reference: string): ImageConfig | undefined {
    return this.images.get(reference);
  }

  list(): ImageConfig[] {
    return [...this.images.values()];
  }
}

export type ImageEvent = { type: 'Normal' | 'Warning'; reason: string; message: string };

export type EnsureImageResult =
  | { status: 'ready'; image: ImageConfig }
  | { status: 'pulling'; doneAtMs: number }
  /** The container waits with `reason` and `message`. */
  | { status: 'error'; reason: 'ErrImagePull' | 'ImagePullBackOff' | 'InvalidImageName' | 'ErrImageNeverPull'; message: string; retryAtMs?: number };

interface Pull {
  requestedAtMs: number;
  startMs: number;
  doneAtMs: number;
  result: ReturnType<typeof resolveImage>;
}

/** Time a failing pull takes (DNS failure or registry answer) before containerd reports it. */
const FAILED_PULL_MS = 300;
/** A pull of an image already in the store only re-checks the manifest. */
const MANIFEST_CHECK_MS = 400;

export interface ImageManagerOptions {
  /** Fallback configs for images preloaded on the machine that the registry catalog does not know. */
  preloaded?: (reference: string) => ImageConfig | undefined;
}

export class ImageManager {
  private readonly backoff = new Backoff();
  private readonly pulls = new Map<string, Pull>();
  private readonly prevPullError = new Map<string, string>();
  /** serializeImagePulls: one pull at a time per node. */
  private busyUntilMs = 0;

  constructor(
    readonly store: ImageStore,
    private readonly options: ImageManagerOptions = {},
  ) {}

  /**
   * EnsureImageExists for one container of a pod. Call again on every sync: a pull in flight answers `pulling`
   * until it completes; events are reported through `emit` exactly once per step.
   */
  ensure(podUID: string, container: Container, nowMs: number, emit: (e: ImageEvent) => void): EnsureImageResult {
    const image = container.image ?? '';
    const parsed = applyDefaultImageTag(image);
    if (!parsed.ok) {
      emit({ type: 'Warning', reason: 'InspectFailed', message: parsed.message });
      return { status: 'error', reason: 'InvalidImageName', message: parsed.message };
    }
    const reference = parsed.image;
    const policy = container.imagePullPolicy ?? (parsed.ref.tag === 'latest' && !parsed.ref.digest ? 'Always' : 'IfNotPresent');
    const present = this.store.get(reference);
    const key = `${podUID}_${image}`;
    const pull = this.pulls.get(key);

    if (!pull) {
      if (present && policy !== 'Always') {
        emit({ type: 'Normal', reason: 'Pulled', message: `Container image ${JSON.stringify(image)} already present on machine` });
        return { status: 'ready', image: present };
      }
      if (policy === 'Never') {
        const message = `Container image ${JSON.stringify(image)} is not present with pull policy of Never`;
        emit({ type: 'Warning', reason: 'ErrImageNeverPull', message });
        return { status: 'error', reason: 'ErrImageNeverPull', message };
      }
      if (this.backoff.isInBackOffSinceUpdate(key, nowMs)) {
        let message = `Back-off pulling image ${JSON.stringify(image)}`;
        emit({ type: 'Normal', reason: 'BackOff', message });
        const prev = this.prevPullError.get(key);
        if (prev) message = `${message}: ${prev}`;
        return { status: 'error', reason: 'ImagePullBackOff', message, retryAtMs: (this.backoff.lastUpdate(key) ?? nowMs) + this.backoff.get(key) };
      }
      emit({ type: 'Normal', reason: 'Pulling', message: `Pulling image ${JSON.stringify(image)}` });
      const result = this.resolve(image, reference);
      const durationMs = result.ok ? (present ? MANIFEST_CHECK_MS : result.durationMs) : FAILED_PULL_MS;
      const startMs = Math.max(nowMs, this.busyUntilMs);
      this.busyUntilMs = startMs + durationMs;
      const started: Pull = { requestedAtMs: nowMs, startMs, doneAtMs: startMs + durationMs, result };
      this.pulls.set(key, started);
      return this.ensure(podUID, container, nowMs, emit);
    }

    if (nowMs < pull.doneAtMs) return { status: 'pulling', doneAtMs: pull.doneAtMs };
    this.pulls.delete(key);
    const r = pull.result;
    if (r.ok) {
      this.store.add(r.image);
      this.prevPullError.delete(key);
      emit({ type: 'Normal', reason: 'Pulled', message: pulledEventMessage(image, pull.doneAtMs - pull.startMs, pull.startMs - pull.requestedAtMs, r.image.sizeBytes) });
      return { status: 'ready', image: r.image };
    }
    if (r.reason === 'InvalidImageName') {
      emit({ type: 'Warning', reason: 'InspectFailed', message: r.message });
      return { status: 'error', reason: 'InvalidImageName', message: r.message };
    }
    emit({ type: 'Warning', reason: 'Failed', message: r.eventMessage });
    this.backoff.next(key, nowMs);
    const message = `rpc error: code = ${r.code} desc = ${r.message}`;
    this.prevPullError.set(key, `ErrImagePull: ${message}`);
    return { status: 'error', reason: 'ErrImagePull', message, retryAtMs: nowMs + this.backoff.get(key) };
  }

  /** Forgets a pod's pulls in flight (the pod went away). */
  forgetPod(podUID: string): void {
    for (const key of [...this.pulls.keys()]) if (key.startsWith(`${podUID}_`)) this.pulls.delete(key);
  }

  private resolve(image: string, reference: string): ReturnType<typeof resolveImage> {
    const r = resolveImage(image);
    if (!r.ok && r.reason === 'ErrImagePull') {
      const preloaded = this.options.preloaded?.(reference);
      if (preloaded) return { ok: true, image: preloaded, durationMs: MANIFEST_CHECK_MS };
    }
    return r;
  }
}

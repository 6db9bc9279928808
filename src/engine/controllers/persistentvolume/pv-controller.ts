/**
 * The PersistentVolume binder (pkg/controller/volume/persistentvolume, `persistentvolume-binder` in
 * kube-controller-manager, events from `persistentvolume-controller`): binds claims to volumes and keeps both
 * phases right.
 *
 * - An unbound claim takes the best matching volume (volume-matching.ts); a claim of a WaitForFirstConsumer class
 *   waits until the scheduler names a node (`volume.kubernetes.io/selected-node`); a claim nothing matches is
 *   handed to its class's provisioner (annotations + ExternalProvisioning event) — in-tree provisioning is not
 *   simulated, `kubernetes.io/no-provisioner` fails as upstream.
 * - Binding writes the volume's claimRef, the volume phase, the claim's volumeName and annotations, then the
 *   claim status (capacity and access modes from the volume) — in upstream's order.
 * - A volume whose claim is gone is Released and reclaimed: Retain keeps it, Delete leaves dynamically
 *   provisioned volumes to their provisioner and fails for manual ones (no in-tree deleter is simulated).
 *
 * Claims and volumes share one queue with prefixed keys (`claim:ns/name`, `volume:name`); upstream runs two.
 */
import type { PersistentVolume, PersistentVolumeClaim, PersistentVolumeClaimStatus, PersistentVolumeStatus, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { Controller } from '../../client/controller';
import { enqueueFromMap } from '../../client/event-mappers';
import { objectKey, splitKey } from '../../client/object-keys';
import { isNotFound } from '../../client/api-result';
import type { EventRecorder } from '../../record/event-recorder';
import type { ControllerContext } from '../controller-context';
import {
  ANN_BETA_STORAGE_PROVISIONER,
  ANN_BIND_COMPLETED,
  ANN_BOUND_BY_CONTROLLER,
  ANN_DYNAMICALLY_PROVISIONED,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  PODS,
  PVCS,
  PVS,
  STORAGE_CLASSES,
  claimClass,
  hasAnnotation,
  podClaimNames,
} from './annotations';
import { findBestMatchForClaim, isVolumeBoundToClaim, volumeModeMismatch, volumeSatisfiesClaim } from './volume-matching';

export const CONTROLLER_NAME = 'persistentvolume-binder';
/** The event source upstream's binder records as. */
export const EVENT_COMPONENT = 'persistentvolume-controller';
/** --pvclaimbinder-sync-period: every claim and volume is re-examined this often. */
const SYNC_PERIOD_MS = 15_000;

const CLAIM = 'claim:';
const VOLUME = 'volume:';
const CLAIMS_BY_POD_INDEX = 'podsByClaim';

export function newPersistentVolumeBinderController(ctx: ControllerContext): Controller {
  const claims = ctx.informers.informerFor<PersistentVolumeClaim>(PVCS);
  const volumes = ctx.informers.informerFor<PersistentVolume>(PVS);
  const classes = ctx.informers.informerFor<StorageClass>(STORAGE_CLASSES);
  const pods = ctx.informers.informerFor<Pod>(PODS, {
    indexers: { [CLAIMS_BY_POD_INDEX]: (p) => podClaimNames(p).map((c) => `${p.metadata?.namespace}/${c}`) },
  });
  const client = ctx.client.as(CONTROLLER_NAME);
  const binder = new VolumeBinder(
    client.resource<PersistentVolumeClaim>(PVCS),
    client.resource<PersistentVolume>(PVS),
    {
      claim: (ns, name) => claims.lister.namespace(ns).get(name),
      volume: (name) => volumes.lister.get(name),
      volumes: () => volumes.lister.list(),
      storageClass: (name) => classes.lister.get(name),
      podsUsing: (ns, name) => pods.indexer.byIndex(CLAIMS_BY_POD_INDEX, `${ns}/${name}`),
    },
    ctx.recorder(EVENT_COMPONENT),
    () => ctx.engine.timestamp(),
  );
  const controller: Controller = new Controller(
    ctx.engine,
    CONTROLLER_NAME,
    {
      reconcile(key) {
        const result = key.startsWith(CLAIM) ? binder.syncClaimKey(key.slice(CLAIM.length)) : binder.syncVolumeKey(key.slice(VOLUME.length));
        for (const k of binder.takeFollowUps()) controller.enqueue(k);
        // The periodic resync (upstream's informer resync at the sync period) as a requeue per key.
        if (result.error === undefined && !result.gone) return { requeueAfter: SYNC_PERIOD_MS, note: result.note };
        return { error: result.error, note: result.note };
      },
    },
    { decisionLog: ctx.decisions },
  );
  return controller
    // A claim's changes (its deletion above all) concern the volume it is bound to as well.
    .watches(claims, enqueueFromMap((c) => [CLAIM + objectKey(c), ...(c.spec?.volumeName ? [VOLUME + c.spec.volumeName] : [])]))
    .watches(volumes, enqueueFromMap((v) => [VOLUME + objectKey(v), ...(v.spec?.claimRef ? [`${CLAIM}${v.spec.claimRef.namespace}/${v.spec.claimRef.name}`] : [])]))
    .watches(classes, enqueueFromMap(() => []))
    .watches(
      pods,
      enqueueFromMap((p) => (p.spec?.nodeName ? [] : podClaimNames(p).map((c) => `${CLAIM}${p.metadata?.namespace}/${c}`))),
      { update: (o, n) => !o.spec?.nodeName && !!n.spec?.nodeName },
    );
}

interface BinderCache {
  claim(namespace: string, name: string): PersistentVolumeClaim | undefined;
  volume(name: string): PersistentVolume | undefined;
  volumes(): PersistentVolume[];
  storageClass(name: string): StorageClass | undefined;
  podsUsing(namespace: string, claim: string): Pod[];
}

interface ResourceApi<T> {
  update(namespace: string, obj: T): { ok: true; value: T } | { ok: false; status: { message?: string; code?: number; reason?: string } };
  updateStatus(namespace: string, obj: T): { ok: true; value: T } | { ok: false; status: { message?: string; code?: number; reason?: string } };
  get(namespace: string, name: string): { ok: true; value: T } | { ok: false; status: { message?: string; code?: number; reason?: string } };
}

type SyncResult = { error?: string; note?: string; gone?: boolean };

class BindError extends Error {}

/** The binder's sync logic, separate from the queue plumbing. */
class VolumeBinder {
  private followUps: string[] = [];

  constructor(
    private readonly claimsApi: ResourceApi<PersistentVolumeClaim>,
    private readonly volumesApi: ResourceApi<PersistentVolume>,
    private readonly cache: BinderCache,
    private readonly events: EventRecorder,
    private readonly now: () => string,
  ) {}

  takeFollowUps(): string[] {
    const out = this.followUps;
    this.followUps = [];
    return out;
  }

  syncClaimKey(key: string): SyncResult {
    const { namespace, name } = splitKey(key);
    const claim = this.cache.claim(namespace, name);
    if (!claim) return { gone: true, note: 'claim gone' };
    return this.run(() => (hasAnnotation(claim, ANN_BIND_COMPLETED) ? this.syncBoundClaim(claim) : this.syncUnboundClaim(claim)));
  }

  syncVolumeKey(name: string): SyncResult {
    const volume = this.cache.volume(name);
    if (!volume) return { gone: true, note: 'volume gone' };
    return this.run(() => this.syncVolume(volume));
  }

  private run(fn: () => string): SyncResult {
    try {
      return { note: fn() };
    } catch (e) {
      if (e instanceof BindError) return { error: e.message };
      throw e;
    }
  }

  // Claims ---------------------------------------------------------------------------------------------------

  private syncUnboundClaim(claim: PersistentVolumeClaim): string {
    const volumeName = claim.spec?.volumeName;
    if (!volumeName) {
      const delayBinding = this.shouldDelayBinding(claim);
      const volume = findBestMatchForClaim(claim, this.cache.volumes(), { delayBinding });
      if (!volume) {
        const provisioning = hasAnnotation(claim, ANN_SELECTED_NODE);
        if (delayBinding && !provisioning) {
          this.emitWaitingForConsumer(claim);
        } else if (claimClass(claim) !== '') {
          return this.provisionClaim(claim);
        } else {
          this.events.event(claim, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
        }
        this.updateClaimStatus(claim, 'Pending');
        return 'no volume matches; claim Pending';
      }
      this.bind(volume, claim);
      return `bound to volume ${volume.metadata?.name}`;
    }
    // The user asked for a specific volume.
    const volume = this.cache.volume(volumeName);
    if (!volume) {
      this.updateClaimStatus(claim, 'Pending');
      return `requested volume ${volumeName} not found`;
    }
    if (!volume.spec?.claimRef) {
      const mismatch = volumeSatisfiesClaim(volume, claim);
      if (mismatch) {
        this.events.event(claim, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume "${volumeName}": ${mismatch}`);
        this.updateClaimStatus(claim, 'Pending');
        return `requested volume does not satisfy the claim: ${mismatch}`;
      }
      this.bind(volume, claim);
      return `bound to requested volume ${volumeName}`;
    }
    if (isVolumeBoundToClaim(volume, claim)) {
      this.bind(volume, claim);
      return `finished binding to volume ${volumeName}`;
    }
    this.events.event(claim, 'Warning', 'FailedBinding', `volume "${volumeName}" already bound to a different claim.`);
    if (hasAnnotation(claim, ANN_BOUND_BY_CONTROLLER)) throw new BindError(`invalid binding of claim to volume "${volumeName}": volume already claimed`);
    this.updateClaimStatus(claim, 'Pending');
    return `volume ${volumeName} is bound to another claim`;
  }

  private syncBoundClaim(claim: PersistentVolumeClaim): string {
    const volumeName = claim.spec?.volumeName;
    if (!volumeName) {
      this.updateClaimStatusWithEvent(claim, 'Lost', 'ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
      return 'claim lost its volume reference';
    }
    const volume = this.cache.volume(volumeName);
    if (!volume) {
      this.updateClaimStatusWithEvent(claim, 'Lost', 'ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
      return 'claim lost its volume';
    }
    if (!volume.spec?.claimRef || volume.spec.claimRef.uid === claim.metadata?.uid) {
      this.bind(volume, claim);
      return 'claim is bound';
    }
    this.updateClaimStatusWithEvent(claim, 'Lost', 'ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly');
    return 'claim misbound';
  }

  /** A claim of a WaitForFirstConsumer class waits for the scheduler, unless it already chose a node. */
  private shouldDelayBinding(claim: PersistentVolumeClaim): boolean {
    if (hasAnnotation(claim, ANN_SELECTED_NODE)) return false;
    const name = claimClass(claim);
    if (!name) return false;
    return this.cache.storageClass(name)?.volumeBindingMode === 'WaitForFirstConsumer';
  }

  /** emitEventForUnboundDelayBindingClaim: say which unscheduled pods the claim waits for, if any. */
  private emitWaitingForConsumer(claim: PersistentVolumeClaim): void {
    const ns = claim.metadata?.namespace ?? '';
    const waiting = this.cache
      .podsUsing(ns, claim.metadata?.name ?? '')
      .filter((p) => !p.spec?.nodeName && !p.metadata?.deletionTimestamp)
      .map((p) => `${ns}/${p.metadata?.name}`)
      .sort();
    if (waiting.length === 0) {
      this.events.event(claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
    } else {
      const message = waiting.length > 1 ? `waiting for pods ${waiting.join(',')} to be scheduled` : `waiting for pod ${waiting[0]} to be scheduled`;
      this.events.event(claim, 'Normal', 'WaitForPodScheduled', message);
    }
  }

  /**
   * provisionClaim for an external provisioner: name it on the claim (GA and beta annotations) and say we are
   * waiting for it. In-tree provisioners are not simulated.
   */
  private provisionClaim(claim: PersistentVolumeClaim): string {
    const className = claimClass(claim);
    const sc = this.cache.storageClass(className);
    if (!sc) {
      this.events.event(claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${className}" not found`);
      this.updateClaimStatus(claim, 'Pending');
      return `storage class ${className} not found`;
    }
    const provisioner = sc.provisioner;
    if (provisioner.startsWith('kubernetes.io/')) {
      this.events.event(claim, 'Warning', 'ProvisioningFailed', `no volume plugin matched name: ${provisioner}`);
      this.updateClaimStatus(claim, 'Pending');
      return `no in-tree plugin for ${provisioner}`;
    }
    let current = claim;
    const annotations = claim.metadata?.annotations ?? {};
    if (annotations[ANN_STORAGE_PROVISIONER] !== provisioner || annotations[ANN_BETA_STORAGE_PROVISIONER] !== provisioner) {
      const updated = structuredClone(claim);
      updated.metadata!.annotations = { ...annotations, [ANN_BETA_STORAGE_PROVISIONER]: provisioner, [ANN_STORAGE_PROVISIONER]: provisioner };
      current = this.must(this.claimsApi.update(claim.metadata!.namespace!, updated), 'saving claim provisioner');
    }
    this.events.event(
      current,
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    );
    this.updateClaimStatus(current, 'Pending');
    return `waiting for external provisioner ${provisioner}`;
  }

  /** bind: volume claimRef, volume phase, claim volumeName + annotations, claim status — in that order. */
  private bind(volume: PersistentVolume, claim: PersistentVolumeClaim): void {
    let v = volume;
    if (!isVolumeBoundToClaim(v, claim) || !v.spec?.claimRef?.uid) {
      const updated = structuredClone(v);
      const preBoundByUser = isVolumeBoundToClaim(v, claim);
      updated.spec!.claimRef = {
        kind: 'PersistentVolumeClaim',
        namespace: claim.metadata?.namespace,
        name: claim.metadata?.name,
        uid: claim.metadata?.uid,
        apiVersion: 'v1',
        resourceVersion: claim.metadata?.resourceVersion,
      };
      if (!preBoundByUser) updated.metadata!.annotations = { ...updated.metadata?.annotations, [ANN_BOUND_BY_CONTROLLER]: 'yes' };
      v = this.must(this.volumesApi.update('', updated), 'binding volume to claim');
    }
    v = this.updateVolumePhase(v, 'Bound');
    let c = claim;
    const needsName = c.spec?.volumeName !== v.metadata?.name;
    if (needsName || !hasAnnotation(c, ANN_BIND_COMPLETED)) {
      const updated = structuredClone(c);
      const annotations: Record<string, string> = { ...updated.metadata?.annotations, [ANN_BIND_COMPLETED]: 'yes' };
      if (needsName) {
        updated.spec = { ...updated.spec, volumeName: v.metadata?.name };
        annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
      }
      updated.metadata!.annotations = annotations;
      c = this.must(this.claimsApi.update(c.metadata!.namespace!, updated), 'binding claim to volume');
    }
    this.updateClaimStatus(c, 'Bound', v);
  }

  private updateClaimStatus(claim: PersistentVolumeClaim, phase: string, volume?: PersistentVolume): PersistentVolumeClaim {
    const status = claim.status ?? {};
    const nextStatus: { -readonly [K in keyof PersistentVolumeClaimStatus]: PersistentVolumeClaimStatus[K] } = { ...status, phase };
    let dirty = status.phase !== phase;
    if (!volume) {
      if (status.accessModes || status.capacity) dirty = true;
      delete nextStatus.accessModes;
      delete nextStatus.capacity;
    } else {
      if (JSON.stringify(status.accessModes ?? null) !== JSON.stringify(volume.spec?.accessModes ?? null)) {
        nextStatus.accessModes = volume.spec?.accessModes;
        dirty = true;
      }
      // Capacity is copied when the claim becomes Bound, never overwritten later (a resize may differ on purpose).
      if (status.phase !== phase && status.capacity?.storage !== volume.spec?.capacity?.storage) {
        nextStatus.capacity = volume.spec?.capacity;
        dirty = true;
      }
    }
    if (!dirty) return claim;
    const next: PersistentVolumeClaim = { ...structuredClone(claim), status: nextStatus };
    return this.must(this.claimsApi.updateStatus(claim.metadata!.namespace!, next), 'updating claim status');
  }

  private updateClaimStatusWithEvent(claim: PersistentVolumeClaim, phase: string, reason: string, message: string): void {
    if (claim.status?.phase === phase) return;
    const updated = this.updateClaimStatus(claim, phase);
    this.events.event(updated, 'Warning', reason, message);
  }

  // Volumes --------------------------------------------------------------------------------------------------

  private syncVolume(volume: PersistentVolume): string {
    const ref = volume.spec?.claimRef;
    if (!ref) {
      this.updateVolumePhase(volume, 'Available');
      return 'volume is unused';
    }
    if (!ref.uid) {
      this.updateVolumePhase(volume, 'Available');
      return `volume is pre-bound to claim ${ref.namespace}/${ref.name}`;
    }
    let claim = this.cache.claim(ref.namespace ?? '', ref.name ?? '');
    if (!claim && volume.status?.phase !== 'Released' && volume.status?.phase !== 'Failed') {
      // Before releasing, make sure the claim is really gone (the cache may lag behind a provisioner's write).
      const live = this.claimsApi.get(ref.namespace ?? '', ref.name ?? '');
      if (live.ok) claim = live.value;
      else if (!isNotFound(live.status as never)) throw new BindError(live.status.message ?? 'reading claim');
    }
    if (claim && claim.metadata?.uid !== ref.uid) claim = undefined;
    if (!claim) {
      let v = volume;
      if (v.status?.phase !== 'Released' && v.status?.phase !== 'Failed') v = this.updateVolumePhase(v, 'Released');
      return this.reclaimVolume(v);
    }
    if (!claim.spec?.volumeName) {
      if (volumeModeMismatch(claim, volume)) {
        this.events.event(volume, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume to requested PersistentVolumeClaim "${claim.metadata?.name}" due to incompatible volumeMode.`);
        this.events.event(claim, 'Warning', 'VolumeMismatch', `Cannot bind PersistentVolume "${volume.metadata?.name}" to requested PersistentVolumeClaim due to incompatible volumeMode.`);
        return 'volume mode mismatch';
      }
      // The claim sync finishes the binding (this is how provisioned volumes get bound quickly).
      this.followUps.push(CLAIM + objectKey(claim));
      return 'volume not bound yet; claim sync will finish it';
    }
    if (claim.spec.volumeName === volume.metadata?.name) {
      this.updateVolumePhase(volume, 'Bound');
      return 'volume is bound';
    }
    if (hasAnnotation(volume, ANN_DYNAMICALLY_PROVISIONED) && volume.spec?.persistentVolumeReclaimPolicy === 'Delete') {
      let v = volume;
      if (v.status?.phase !== 'Released' && v.status?.phase !== 'Failed') v = this.updateVolumePhase(v, 'Released');
      return this.reclaimVolume(v);
    }
    this.unbindVolume(volume);
    return 'claim is bound elsewhere; volume unbound';
  }

  /** unbindVolume: forget the claim (controller binding) or only its UID (user pre-binding), back to Available. */
  private unbindVolume(volume: PersistentVolume): void {
    const updated = structuredClone(volume);
    if (hasAnnotation(volume, ANN_BOUND_BY_CONTROLLER)) {
      delete updated.spec!.claimRef;
      delete updated.metadata!.annotations![ANN_BOUND_BY_CONTROLLER];
    } else if (updated.spec?.claimRef) {
      delete updated.spec.claimRef.uid;
    }
    const saved = this.must(this.volumesApi.update('', updated), 'unbinding volume');
    this.updateVolumePhase(saved, 'Available');
  }

  private reclaimVolume(volume: PersistentVolume): string {
    const policy = volume.spec?.persistentVolumeReclaimPolicy ?? 'Retain';
    if (policy === 'Retain') return 'volume released; policy Retain keeps it';
    if (policy === 'Recycle') {
      this.updateVolumePhaseWithEvent(volume, 'Failed', 'VolumeFailedRecycle', `No recycler plugin found for the volume!`);
      return 'recycling is not supported';
    }
    const provisioner = volume.metadata?.annotations?.[ANN_DYNAMICALLY_PROVISIONED];
    if (provisioner && !provisioner.startsWith('kubernetes.io/')) return `volume released; waiting for external provisioner ${provisioner} to delete it`;
    const hostPath = volume.spec?.hostPath?.path;
    const message =
      hostPath !== undefined && !/^\/tmp\/.+/.test(hostPath)
        ? `host_path deleter only supports /tmp/.+ but received provided ${hostPath}`
        : `error getting deleter volume plugin for volume "${volume.metadata?.name}": no deletable volume plugin matched`;
    this.updateVolumePhaseWithEvent(volume, 'Failed', 'VolumeFailedDelete', message);
    return 'no deleter for this volume';
  }

  private updateVolumePhase(volume: PersistentVolume, phase: string, message?: string): PersistentVolume {
    if (volume.status?.phase === phase) return volume;
    const nextStatus: { -readonly [K in keyof PersistentVolumeStatus]: PersistentVolumeStatus[K] } = { ...volume.status, phase, lastPhaseTransitionTime: this.now() };
    if (message) nextStatus.message = message;
    else delete nextStatus.message;
    const next: PersistentVolume = { ...structuredClone(volume), status: nextStatus };
    return this.must(this.volumesApi.updateStatus('', next), `setting volume phase ${phase}`);
  }

  private updateVolumePhaseWithEvent(volume: PersistentVolume, phase: string, reason: string, message: string): void {
    if (volume.status?.phase === phase) return;
    const updated = this.updateVolumePhase(volume, phase, message);
    this.events.event(updated, 'Warning', reason, message);
  }

  private must<T>(res: { ok: true; value: T } | { ok: false; status: { message?: string } }, what: string): T {
    if (res.ok) return res.value;
    throw new BindError(`${what}: ${res.status.message ?? 'failed'}`);
  }
}

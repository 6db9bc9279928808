/**
 * Rancher's local-path-provisioner, as kind runs it (Deployment `local-path-provisioner` in namespace
 * `local-path-storage`): an external provisioner built on sig-storage-lib-external-provisioner, outside
 * kube-controller-manager, talking to the apiserver with its own client.
 *
 * - Provision: a claim handed to `rancher.io/local-path` (the binder's storage-provisioner annotation) whose
 *   first consumer was scheduled (`volume.kubernetes.io/selected-node`) gets a PersistentVolume `pvc-<claim uid>`:
 *   a hostPath directory `/var/local-path-provisioner/pvc-<uid>_<ns>_<name>` on that node, pinned there by node
 *   affinity and pre-bound to the claim, which the binder then binds. Creating the directory (upstream: a helper
 *   pod) takes a few seconds of virtual time.
 * - Delete: a Released volume it provisioned, with reclaim policy Delete, is removed (directory, then the object).
 *
 * Events carry the library's source, `<provisioner>_<pod name>_<uuid>`. The helper pods themselves are not
 * created (no node would run them before the kubelet room lands); only their duration is modelled.
 */
import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { Engine } from '../engine';
import type { Timer } from '../clock/virtual-clock';
import type { ApiEndpoint } from '../apiserver/types';
import type { ResourceRegistry } from '../apiserver/registry';
import { KubeClient } from '../client/rest-client';
import { SharedInformerFactory } from '../client/informer-factory';
import { Controller } from '../client/controller';
import { DecisionLog } from '../client/decision-log';
import { enqueueFromMap } from '../client/event-mappers';
import { objectKey, splitKey } from '../client/object-keys';
import { isAlreadyExists, isNotFound } from '../client/api-result';
import { registerTarget } from '../client/clock-target';
import { EventRecorder } from '../record/event-recorder';
import { generateName, newUid } from '../apiserver/rest/object-meta';
import {
  ANN_DYNAMICALLY_PROVISIONED,
  ANN_SELECTED_NODE,
  ANN_STORAGE_PROVISIONER,
  ANN_BETA_STORAGE_PROVISIONER,
  PVCS,
  PVS,
  STORAGE_CLASSES,
  claimClass,
} from '../controllers/persistentvolume/annotations';
import { LOCAL_PATH_PROVISIONER } from './standard-storage-class';

export const LOCAL_PATH_NAMESPACE = 'local-path-storage';
export const LOCAL_PATH_ROOT = '/var/local-path-provisioner';
/** The annotation local-path puts on its volumes, to find the node again when deleting. */
export const ANN_LOCAL_PATH_SELECTED_NODE = 'local.path.provisioner/selected-node';

const CLIENT_NAME = 'local-path-provisioner';
const SUPPORTED_ACCESS_MODES = new Set(['ReadWriteOnce', 'ReadWriteOncePod']);

export interface LocalPathProvisionerOptions {
  /** How long the helper pod takes to create a volume's directory (ms): base + seeded jitter. */
  provisionDelayMs?: number;
  /** How long the helper pod takes to remove it (ms). */
  deleteDelayMs?: number;
}

export class LocalPathProvisioner {
  readonly client: KubeClient;
  readonly informers: SharedInformerFactory;
  readonly controller: Controller;
  readonly decisions = new DecisionLog();
  /** The library's event source: `rancher.io/local-path_<pod>_<uuid>`. */
  readonly identity: string;
  private readonly events: EventRecorder;
  private readonly target: string;
  /** Claims (by key) and volumes (by name) with a helper pod at work. */
  private readonly inFlight = new Set<string>();
  private readonly provisionDelayMs: number;
  private readonly deleteDelayMs: number;

  constructor(
    private readonly engine: Engine,
    endpoint: ApiEndpoint,
    registry: ResourceRegistry,
    opts: LocalPathProvisionerOptions = {},
  ) {
    this.provisionDelayMs = opts.provisionDelayMs ?? 2000;
    this.deleteDelayMs = opts.deleteDelayMs ?? 1000;
    this.client = new KubeClient(endpoint, registry, CLIENT_NAME);
    this.informers = new SharedInformerFactory(engine, this.client);
    const podName = generateName(engine.rng, 'local-path-provisioner-7dc846544d-');
    this.identity = `${LOCAL_PATH_PROVISIONER}_${podName}_${newUid(engine.rng)}`;
    this.events = new EventRecorder(engine, this.client, { component: this.identity });
    this.target = registerTarget(engine, CLIENT_NAME, (t) => this.onTimer(t));
    const claims = this.informers.informerFor<PersistentVolumeClaim>(PVCS);
    const volumes = this.informers.informerFor<PersistentVolume>(PVS);
    const classes = this.informers.informerFor<StorageClass>(STORAGE_CLASSES);
    this.controller = new Controller(
      engine,
      CLIENT_NAME,
      {
        reconcile: (key) => {
          if (key.startsWith('claim:')) {
            const { namespace, name } = splitKey(key.slice(6));
            const claim = claims.lister.namespace(namespace).get(name);
            return { note: claim ? this.considerClaim(claim, (n) => classes.lister.get(n), (n) => volumes.lister.get(n)) : 'claim gone' };
          }
          const volume = volumes.lister.get(key.slice(7));
          return { note: volume ? this.considerVolume(volume) : 'volume gone' };
        },
      },
      { decisionLog: this.decisions },
    )
      .watches(claims, enqueueFromMap((c) => [`claim:${objectKey(c)}`]))
      .watches(volumes, enqueueFromMap((v) => [`volume:${objectKey(v)}`]));
  }

  start(): void {
    this.informers.start();
    this.controller.start();
  }

  stop(): void {
    this.controller.stop();
    this.informers.shutdown();
  }

  /** shouldProvision: handed to us, not bound, not yet provisioned, and (for delayed binding) a node chosen. */
  private considerClaim(
    claim: PersistentVolumeClaim,
    storageClass: (name: string) => StorageClass | undefined,
    volume: (name: string) => PersistentVolume | undefined,
  ): string {
    const key = objectKey(claim);
    if (claim.spec?.volumeName || claim.metadata?.deletionTimestamp) return 'claim already bound or going away';
    const annotations = claim.metadata?.annotations ?? {};
    const provisioner = annotations[ANN_STORAGE_PROVISIONER] ?? annotations[ANN_BETA_STORAGE_PROVISIONER];
    if (provisioner !== LOCAL_PATH_PROVISIONER) return 'not handed to this provisioner';
    const className = claimClass(claim);
    const sc = storageClass(className);
    if (!sc || sc.provisioner !== LOCAL_PATH_PROVISIONER) return 'class is not served by this provisioner';
    if (sc.volumeBindingMode === 'WaitForFirstConsumer' && !annotations[ANN_SELECTED_NODE]) return 'waiting for the scheduler to select a node';
    if (volume(volumeNameFor(claim))) return 'already provisioned';
    if (this.inFlight.has(`claim:${key}`)) return 'provisioning in progress';
    this.events.event(claim, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${key}"`);
    const refusal = this.refusal(claim);
    if (refusal) {
      this.events.event(claim, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${className}": ${refusal}`);
      return refusal;
    }
    this.inFlight.add(`claim:${key}`);
    const delay = this.provisionDelayMs + this.engine.rng.int(this.provisionDelayMs);
    this.engine.clock.schedule(delay, this.target, `provision:${key}`, { uid: claim.metadata?.uid, sc });
    return `creating ${LOCAL_PATH_ROOT}/${folderFor(claim)} on ${annotations[ANN_SELECTED_NODE]}`;
  }

  /** What local-path's Provision refuses before touching the node. */
  private refusal(claim: PersistentVolumeClaim): string | undefined {
    if (claim.spec?.selector) return 'claim.Spec.Selector is not supported';
    if ((claim.spec?.accessModes ?? []).some((m) => !SUPPORTED_ACCESS_MODES.has(m))) {
      return 'NodePath only supports ReadWriteOnce and ReadWriteOncePod (1.22+) access modes';
    }
    if (!claim.metadata?.annotations?.[ANN_SELECTED_NODE]) return 'configuration error, no node was specified';
    return undefined;
  }

  /** shouldDelete: a Released volume of ours with reclaim policy Delete. */
  private considerVolume(volume: PersistentVolume): string {
    const name = volume.metadata?.name ?? '';
    if (volume.metadata?.annotations?.[ANN_DYNAMICALLY_PROVISIONED] !== LOCAL_PATH_PROVISIONER) return 'not provisioned here';
    if (volume.status?.phase !== 'Released' || volume.spec?.persistentVolumeReclaimPolicy !== 'Delete') return 'nothing to delete';
    if (volume.metadata?.deletionTimestamp || this.inFlight.has(`volume:${name}`)) return 'deletion in progress';
    this.inFlight.add(`volume:${name}`);
    this.engine.clock.schedule(this.deleteDelayMs, this.target, `delete:${name}`);
    return `removing ${volume.spec?.hostPath?.path ?? name}`;
  }

  private onTimer(timer: Timer): void {
    if (timer.key.startsWith('provision:')) this.finishProvisioning(timer.key.slice(10), timer.payload as { uid: string; sc: StorageClass });
    else if (timer.key.startsWith('delete:')) this.finishDeleting(timer.key.slice(7));
  }

  private finishProvisioning(key: string, { uid, sc }: { uid: string; sc: StorageClass }): void {
    this.inFlight.delete(`claim:${key}`);
    const { namespace, name } = splitKey(key);
    const claims = this.client.resource<PersistentVolumeClaim>(PVCS);
    const fresh = claims.get(namespace, name);
    if (!fresh.ok || fresh.value.metadata?.uid !== uid || fresh.value.spec?.volumeName) return;
    const claim = fresh.value;
    const volume = localPathVolume(claim, sc);
    const created = this.client.resource<PersistentVolume>(PVS).create('', volume);
    if (!created.ok && !isAlreadyExists(created.status)) {
      this.events.event(claim, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${sc.metadata?.name}": ${created.status.message}`);
      this.controller.enqueue(`claim:${key}`);
      return;
    }
    this.events.event(claim, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${volume.metadata?.name}`);
  }

  private finishDeleting(name: string): void {
    this.inFlight.delete(`volume:${name}`);
    const res = this.client.resource<PersistentVolume>(PVS).delete('', name);
    if (!res.ok && !isNotFound(res.status)) this.controller.enqueue(`volume:${name}`);
  }
}

/** The library's volume name: `pvc-<claim uid>`. */
export function volumeNameFor(claim: PersistentVolumeClaim): string {
  return `pvc-${claim.metadata?.uid}`;
}

/** local-path's directory name: `<volume>_<namespace>_<claim>`. */
export function folderFor(claim: PersistentVolumeClaim): string {
  return `${volumeNameFor(claim)}_${claim.metadata?.namespace}_${claim.metadata?.name}`;
}

/** The PersistentVolume local-path returns for a claim (hostPath mode), as the library saves it. */
export function localPathVolume(claim: PersistentVolumeClaim, sc: StorageClass): PersistentVolume {
  const node = claim.metadata?.annotations?.[ANN_SELECTED_NODE] ?? '';
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name: volumeNameFor(claim),
      annotations: { [ANN_LOCAL_PATH_SELECTED_NODE]: node, [ANN_DYNAMICALLY_PROVISIONED]: LOCAL_PATH_PROVISIONER },
    },
    spec: {
      accessModes: claim.spec?.accessModes,
      capacity: { storage: claim.spec?.resources?.requests?.storage ?? '0' },
      claimRef: {
        apiVersion: 'v1',
        kind: 'PersistentVolumeClaim',
        name: claim.metadata?.name,
        namespace: claim.metadata?.namespace,
        resourceVersion: claim.metadata?.resourceVersion,
        uid: claim.metadata?.uid,
      },
      hostPath: { path: `${LOCAL_PATH_ROOT}/${folderFor(claim)}`, type: 'DirectoryOrCreate' },
      nodeAffinity: {
        required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] },
      },
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata?.name,
      volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
      ...(sc.mountOptions ? { mountOptions: sc.mountOptions } : {}),
    },
  };
}

/**
 * Which volume a claim binds to (pkg/controller/volume/persistentvolume/index.go and component-helpers'
 * FindMatchingVolume): among volumes whose access modes include the claim's — the smallest such mode set first —
 * a volume pre-bound to the claim wins; otherwise the smallest unbound volume of the claim's class that is big
 * enough, matches its selector and volume mode, and (on the scheduler's path) fits the node.
 */
import type { Node, PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { compareQuantities, parseQuantity, type Quantity } from '../../apiserver/admission/quantity';
import { compileLabelSelector, compileNodeSelector } from '../../scheduler/util/selectors';
import { claimClass, volumeClass } from './annotations';

const ZERO: Quantity = { num: 0n, den: 1n, format: 'DecimalSI' };
const storageOf = (list: Record<string, string> | undefined): Quantity => parseQuantity(String(list?.storage ?? '0')) ?? ZERO;

/** storagehelpers.IsVolumeBoundToClaim: claimRef names the claim (and its UID, once set). */
export function isVolumeBoundToClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = volume.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata?.name || ref.namespace !== claim.metadata?.namespace) return false;
  return !ref.uid || ref.uid === claim.metadata?.uid;
}

/** A volume's mode (Filesystem by default) must equal the claim's. */
export function volumeModeMismatch(claim: PersistentVolumeClaim, volume: PersistentVolume): boolean {
  return (claim.spec?.volumeMode ?? 'Filesystem') !== (volume.spec?.volumeMode ?? 'Filesystem');
}

export function volumeFitsNode(volume: PersistentVolume, node: Node): boolean {
  const required = volume.spec?.nodeAffinity?.required;
  return !required || compileNodeSelector(required)(node);
}

/** Every mode the claim asks for is offered by the volume. */
export function accessModesContain(volume: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const offered = new Set(volume.spec?.accessModes ?? []);
  return (claim.spec?.accessModes ?? []).every((m) => offered.has(m));
}

/** FindMatchingVolume over one candidate set (volumes already filtered by access modes). */
export function findMatchingVolume(
  claim: PersistentVolumeClaim,
  volumes: readonly PersistentVolume[],
  opts: { node?: Node; delayBinding: boolean },
): PersistentVolume | undefined {
  const requested = storageOf(claim.spec?.resources?.requests);
  const requestedClass = claimClass(claim);
  const selector = claim.spec?.selector ? compileLabelSelector(claim.spec.selector) : undefined;
  let smallest: PersistentVolume | undefined;
  for (const volume of volumes) {
    const size = storageOf(volume.spec?.capacity);
    if (compareQuantities(size, requested) < 0) continue;
    if (volumeModeMismatch(claim, volume)) continue;
    if (volume.metadata?.deletionTimestamp) continue;
    const fitsNode = !opts.node || volumeFitsNode(volume, opts.node);
    if (isVolumeBoundToClaim(volume, claim)) return fitsNode ? volume : undefined;
    // The binder leaves unbound volumes of delayed claims to the scheduler.
    if (!opts.node && opts.delayBinding) continue;
    if (volume.spec?.claimRef) continue;
    if (selector && !selector.matches(volume.metadata?.labels)) continue;
    if (volumeClass(volume) !== requestedClass) continue;
    if (!fitsNode) continue;
    if (opts.node && !accessModesContain(volume, claim)) continue;
    if (!smallest || compareQuantities(storageOf(smallest.spec?.capacity), size) > 0) smallest = volume;
  }
  return smallest;
}

/**
 * persistentVolumeOrderedIndex.findByClaim: try the volumes of each access-mode set that includes the claim's
 * modes, fewest modes first, so a ReadWriteOnce claim takes an RWO volume before an RWO+RWX one.
 */
export function findBestMatchForClaim(
  claim: PersistentVolumeClaim,
  volumes: readonly PersistentVolume[],
  opts: { node?: Node; delayBinding: boolean },
): PersistentVolume | undefined {
  const groups = new Map<string, PersistentVolume[]>();
  for (const v of volumes) {
    if (!accessModesContain(v, claim)) continue;
    const key = [...new Set(v.spec?.accessModes ?? [])].sort().join(',');
    const list = groups.get(key) ?? [];
    list.push(v);
    groups.set(key, list);
  }
  const ordered = [...groups.entries()].sort(([a], [b]) => a.split(',').length - b.split(',').length || a.localeCompare(b));
  for (const [, group] of ordered) {
    const found = findMatchingVolume(claim, group, opts);
    if (found) return found;
  }
  return undefined;
}

/** checkVolumeSatisfyClaim: why a volume named by a claim's volumeName cannot serve it ('' when it can). */
export function volumeSatisfiesClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): string {
  if (compareQuantities(storageOf(volume.spec?.capacity), storageOf(claim.spec?.resources?.requests)) < 0) return 'requested PV is too small';
  if (volumeClass(volume) !== claimClass(claim)) return 'storageClassName does not match';
  if (volumeModeMismatch(claim, volume)) return 'incompatible volumeMode';
  if (!accessModesContain(volume, claim)) return 'incompatible accessMode';
  return '';
}

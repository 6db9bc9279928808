/**
 * The conditions a terminating namespace reports (pkg/controller/namespace/deletion/namespace_condition_utils.go):
 * five condition types, each False with an "ok" reason unless this pass found a problem of that kind.
 */
import type { NamespaceCondition, NamespaceStatus } from 'kubernetes-types/core/v1';

const CONDITION_TYPES = ['NamespaceDeletionDiscoveryFailure', 'NamespaceDeletionGroupVersionParsingFailure', 'NamespaceDeletionContentFailure', 'NamespaceContentRemaining', 'NamespaceFinalizersRemaining'] as const;

const OK_REASONS: Record<string, string> = {
  NamespaceDeletionDiscoveryFailure: 'ResourcesDiscovered',
  NamespaceDeletionGroupVersionParsingFailure: 'ParsedGroupVersions',
  NamespaceDeletionContentFailure: 'ContentDeleted',
  NamespaceContentRemaining: 'ContentRemoved',
  NamespaceFinalizersRemaining: 'ContentHasNoFinalizers',
};

const OK_MESSAGES: Record<string, string> = {
  NamespaceDeletionDiscoveryFailure: 'All resources successfully discovered',
  NamespaceDeletionGroupVersionParsingFailure: 'All legacy kube types successfully parsed',
  NamespaceDeletionContentFailure: 'All content successfully deleted, may be waiting on finalization',
  NamespaceContentRemaining: 'All content successfully removed',
  NamespaceFinalizersRemaining: 'All content-preserving finalizers finished',
};

/** Remaining objects per resource (`pods.` for core pods) and per finalizer. */
export interface ContentTotals {
  remainingByResource: Map<string, number>;
  remainingByFinalizer: Map<string, number>;
}

/** Go's %v of an aggregate error: the message alone, or `[a, b]`. */
const aggregate = (errs: string[]) => (errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);

export class NamespaceConditionUpdater {
  private conditions: NamespaceCondition[] = [];
  private deleteContentErrors: string[] = [];

  constructor(private readonly now: string) {}

  processDiscoveryFailure(failedGroups: string[]): void {
    this.conditions.push({
      type: 'NamespaceDeletionDiscoveryFailure',
      status: 'True',
      lastTransitionTime: this.now,
      reason: 'DiscoveryFailed',
      message: `Discovery failed for some groups, ${failedGroups.length} failing: unable to retrieve the complete list of server APIs: ${failedGroups.map((g) => `${g}: the server could not find the requested resource`).join(', ')}`,
    });
  }

  processDeleteContentError(err: string): void {
    this.deleteContentErrors.push(err);
  }

  processContentTotals(totals: ContentTotals): void {
    const byResource = [...totals.remainingByResource].filter(([, n]) => n > 0).map(([r, n]) => `${r} has ${n} resource instances`).sort();
    if (byResource.length > 0) {
      this.conditions.push({ type: 'NamespaceContentRemaining', status: 'True', lastTransitionTime: this.now, reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${byResource.join(', ')}` });
    }
    const byFinalizer = [...totals.remainingByFinalizer].filter(([, n]) => n > 0).map(([f, n]) => `${f} in ${n} resource instances`).sort();
    if (byFinalizer.length > 0) {
      this.conditions.push({
        type: 'NamespaceFinalizersRemaining',
        status: 'True',
        lastTransitionTime: this.now,
        reason: 'SomeFinalizersRemain',
        message: `Some content in the namespace has finalizers remaining: ${byFinalizer.join(', ')}`,
      });
    }
  }

  /** Writes the conditions into `status`; true when anything changed. */
  update(status: NamespaceStatus): boolean {
    if (this.deleteContentErrors.length > 0 && !this.conditions.some((c) => c.type === 'NamespaceDeletionContentFailure')) {
      this.conditions.push({
        type: 'NamespaceDeletionContentFailure',
        status: 'True',
        lastTransitionTime: this.now,
        reason: 'ContentDeletionFailed',
        message: `Failed to delete all resource types, ${this.deleteContentErrors.length} remaining: ${aggregate(this.deleteContentErrors)}`,
      });
    }
    let changed = false;
    const current = (status.conditions ??= []) as NamespaceCondition[];
    for (const type of CONDITION_TYPES) {
      const next = this.conditions.find((c) => c.type === type) ?? { type, status: 'False', lastTransitionTime: this.now, reason: OK_REASONS[type], message: OK_MESSAGES[type] };
      const old = current.find((c) => c.type === type);
      if (!old) {
        current.push(next);
        changed = true;
      } else if (old.status !== next.status || old.reason !== next.reason || old.message !== next.message) {
        if (old.status !== next.status) old.lastTransitionTime = this.now;
        old.status = next.status;
        old.reason = next.reason;
        old.message = next.message;
        changed = true;
      }
    }
    return changed;
  }
}

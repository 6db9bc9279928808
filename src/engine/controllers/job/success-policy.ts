/**
 * spec.successPolicy (success_policy.go, beta in 1.32): an Indexed Job succeeds early once the succeeded indexes
 * satisfy one of the rules.
 */
import type { SuccessPolicy } from 'kubernetes-types/batch/v1';
import { IndexSet } from './indexes';

/** matchSuccessPolicy: the SuccessCriteriaMet message when a rule is satisfied. */
export function matchSuccessPolicy(policy: SuccessPolicy | undefined, completions: number, succeeded: IndexSet): string | undefined {
  if (!policy || succeeded.total() === 0) return undefined;
  for (const [index, rule] of policy.rules.entries()) {
    if (rule.succeededIndexes != null) {
      const required = IndexSet.parse(rule.succeededIndexes, completions);
      if (required.total() === 0) continue;
      const matched = required.toArray().filter((i) => succeeded.has(i)).length;
      if (rule.succeededCount == null && matched !== required.total()) continue;
      if (rule.succeededCount != null && matched < rule.succeededCount) continue;
      return `Matched rules at index ${index}`;
    }
    if (rule.succeededCount != null && succeeded.total() >= rule.succeededCount) return `Matched rules at index ${index}`;
  }
  return undefined;
}

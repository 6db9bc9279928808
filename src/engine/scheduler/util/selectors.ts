import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { Node, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';

export type Labels = Readonly<Record<string, string>> | undefined;

/** A compiled label selector; `matches` is called in hot loops, so it is built once per pod or term. */
export interface Selector {
  readonly empty: boolean;
  matches(labels: Labels): boolean;
}

export const NOTHING: Selector = { empty: false, matches: () => false };
export const EVERYTHING: Selector = { empty: true, matches: () => true };

type Req = (labels: Labels) => boolean;

function labelRequirement(key: string, op: string, values: readonly string[]): Req {
  switch (op) {
    case 'In': return (l) => l !== undefined && key in l && values.includes(l[key]);
    case 'NotIn': return (l) => l === undefined || !(key in l) || !values.includes(l[key]);
    case 'Exists': return (l) => l !== undefined && key in l;
    case 'DoesNotExist': return (l) => l === undefined || !(key in l);
    default: return () => false;
  }
}

function fromRequirements(reqs: Req[]): Selector {
  if (reqs.length === 0) return EVERYTHING;
  return { empty: false, matches: (l) => reqs.every((r) => r(l)) };
}

/** metav1.LabelSelectorAsSelector: nil selects nothing, `{}` selects everything. */
export function compileLabelSelector(sel: LabelSelector | undefined | null): Selector {
  if (!sel) return NOTHING;
  const reqs: Req[] = [];
  for (const k in sel.matchLabels ?? {}) reqs.push(labelRequirement(k, 'In', [sel.matchLabels![k]]));
  for (const e of sel.matchExpressions ?? []) reqs.push(labelRequirement(e.key, e.operator, e.values ?? []));
  return fromRequirements(reqs);
}

/** labels.SelectorFromSet: every key=value must match; an empty set selects everything. */
export function selectorFromSet(set: Record<string, string> | undefined): Selector {
  const reqs: Req[] = [];
  for (const k in set ?? {}) reqs.push(labelRequirement(k, 'In', [set![k]]));
  return fromRequirements(reqs);
}

/** Both must match (selector.Add); used to merge matchLabelKeys and owner selectors. */
export function andSelectors(a: Selector, b: Selector): Selector {
  if (a.empty) return b;
  if (b.empty) return a;
  return { empty: false, matches: (l) => a.matches(l) && b.matches(l) };
}

function nodeRequirement(r: NodeSelectorRequirement): Req {
  const values = r.values ?? [];
  if (r.operator === 'Gt' || r.operator === 'Lt') {
    if (values.length !== 1 || !/^-?\d+$/.test(values[0])) return () => false;
    const bound = Number(values[0]);
    return (l) => {
      if (!l || !(r.key in l) || !/^-?\d+$/.test(l[r.key])) return false;
      const v = Number(l[r.key]);
      return r.operator === 'Gt' ? v > bound : v < bound;
    };
  }
  return labelRequirement(r.key, r.operator, values);
}

type NodeMatcher = (node: Node) => boolean;

function compileTerm(term: NodeSelectorTerm): NodeMatcher | null {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return null;
  const labelReqs = exprs.map(nodeRequirement);
  const fieldReqs = fields.map((f) => {
    // Only metadata.name is a supported field, with In/NotIn and exactly one value.
    if (f.key !== 'metadata.name' || (f.values ?? []).length !== 1) return () => false;
    return labelRequirement('metadata.name', f.operator, f.values ?? []);
  });
  return (node) => {
    const labels = node.metadata?.labels;
    if (!labelReqs.every((r) => r(labels))) return false;
    if (fieldReqs.length === 0) return true;
    const fieldSet = { 'metadata.name': node.metadata?.name ?? '' };
    return fieldReqs.every((r) => r(fieldSet));
  };
}

/** A NodeSelector's terms are ORed; a term with no requirements matches nothing, as do zero terms. */
export function compileNodeSelector(ns: NodeSelector): NodeMatcher {
  const terms = ns.nodeSelectorTerms.map(compileTerm).filter((t): t is NodeMatcher => t !== null);
  return (node) => terms.some((t) => t(node));
}

export function compileNodeSelectorTerm(term: NodeSelectorTerm): NodeMatcher {
  return compileTerm(term) ?? (() => false);
}

/**
 * The pod's required node affinity (nodeaffinity.GetRequiredNodeAffinity): spec.nodeSelector ANDed with
 * requiredDuringSchedulingIgnoredDuringExecution.
 */
export function requiredNodeAffinity(pod: Pod): NodeMatcher {
  const sel = selectorFromSet(pod.spec?.nodeSelector);
  const required = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  const affinity = required ? compileNodeSelector(required) : undefined;
  return (node) => sel.matches(node.metadata?.labels) && (!affinity || affinity(node));
}

/** v1helper.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? 'Equal') {
    case 'Exists': return true;
    case 'Equal': return (t.value ?? '') === (taint.value ?? '');
    default: return false;
  }
}

export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => toleratesTaint(t, taint));
}

/** The first taint, among those `inclusion` accepts, that no toleration tolerates. */
export function findUntoleratedTaint(
  taints: readonly Taint[] | undefined,
  tolerations: readonly Toleration[] | undefined,
  inclusion: (t: Taint) => boolean,
): Taint | undefined {
  for (const taint of taints ?? []) {
    if (!inclusion(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

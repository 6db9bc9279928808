import type { Pod, PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import { compileLabelSelector, NOTHING, type Labels, type Selector } from '../util/selectors';
import { computePodResources, type PodResources } from './resource';

/** A required or preferred pod (anti-)affinity term, compiled (framework.AffinityTerm). */
export interface AffinityTerm {
  namespaces: ReadonlySet<string>;
  selector: Selector;
  topologyKey: string;
  /** nil selects no namespace (only `namespaces` count), `{}` every namespace. */
  namespaceSelector: Selector;
  weight: number;
}

/** Whether `pod` is in one of the term's namespaces and its labels match (AffinityTerm.Matches). */
export function termMatches(term: AffinityTerm, pod: Pod, nsLabels: Labels): boolean {
  const ns = pod.metadata?.namespace ?? 'default';
  if (term.namespaces.has(ns) || term.namespaceSelector.matches(nsLabels)) {
    return term.selector.matches(pod.metadata?.labels);
  }
  return false;
}

function compileTerm(pod: Pod, t: PodAffinityTerm, weight: number): AffinityTerm {
  const namespaces = new Set(t.namespaces ?? []);
  // No namespaces and no namespaceSelector means the pod's own namespace.
  if (namespaces.size === 0 && !t.namespaceSelector) namespaces.add(pod.metadata?.namespace ?? 'default');
  const namespaceSelector = t.namespaceSelector ? compileLabelSelector(t.namespaceSelector) : NOTHING;
  return { namespaces, selector: compileLabelSelector(t.labelSelector), topologyKey: t.topologyKey, namespaceSelector, weight };
}

const compileWeighted = (pod: Pod, ts: readonly WeightedPodAffinityTerm[] | undefined): AffinityTerm[] =>
  (ts ?? []).map((w) => compileTerm(pod, w.podAffinityTerm, w.weight));

/** A pod with everything the scheduler derives from it computed once (framework.PodInfo). */
export interface PodInfo {
  readonly pod: Pod;
  /** UID, or namespace/name when the object has none (tests). */
  readonly key: string;
  readonly resources: PodResources;
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly AffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly AffinityTerm[];
}

export function podKey(pod: Pod): string {
  return pod.metadata?.uid ?? `${pod.metadata?.namespace ?? 'default'}/${pod.metadata?.name ?? ''}`;
}

export function newPodInfo(pod: Pod): PodInfo {
  const a = pod.spec?.affinity;
  return {
    pod,
    key: podKey(pod),
    resources: computePodResources(pod),
    requiredAffinityTerms: (a?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => compileTerm(pod, t, 1)),
    requiredAntiAffinityTerms: (a?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => compileTerm(pod, t, 1)),
    preferredAffinityTerms: compileWeighted(pod, a?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinityTerms: compileWeighted(pod, a?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
  };
}

export const podPriority = (pod: Pod): number => pod.spec?.priority ?? 0;


/** Small formatting helpers the upstream printers share (labels, selectors, container lists, booleans). */
import type { Container } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { labelSelectorAsMatcher, selectorFromSet } from '../selectors/labels';

/** labels.FormatLabels: `k=v,…` sorted by key, `<none>` when empty. */
export function formatLabels(labels: Record<string, string> | null | undefined): string {
  return selectorFromSet(labels).toString() || '<none>';
}

/** metav1.FormatLabelSelector: the selector's canonical string, `<none>` when it selects everything or nothing. */
export function formatLabelSelector(selector: LabelSelector | null | undefined): string {
  const result = labelSelectorAsMatcher(selector);
  if (!result.ok) return '<error>';
  return result.selector.toString() || '<none>';
}

/** LabelSelectorAsSelector(...).String() without FormatLabelSelector's `<none>`; `<invalid>` when it does not convert. */
export function labelSelectorString(selector: LabelSelector | null | undefined): string {
  const result = labelSelectorAsMatcher(selector);
  return result.ok ? result.selector.toString() : '<invalid>';
}

/** The generated (gogo-protobuf) String() of a *LabelSelector, which a few printers print verbatim. */
export function labelSelectorGoString(selector: LabelSelector | null | undefined): string {
  if (!selector) return 'nil';
  const exprs = (selector.matchExpressions ?? [])
    .map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`)
    .join('');
  const labels = selector.matchLabels ?? {};
  const pairs = Object.keys(labels)
    .sort()
    .map((k) => `${k}: ${labels[k]},`)
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${pairs}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

/** layoutContainerCells: container names and images, comma-separated. */
export function layoutContainerCells(containers: readonly Container[] | null | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

/** printBoolPtr: `True`, `False` or `<unset>`. */
export function printBoolPtr(value: boolean | null | undefined): string {
  if (value === undefined || value === null) return '<unset>';
  return value ? 'True' : 'False';
}

/** listWithMoreString: the first few items, `a,b,c + 2 more...` beyond them, `<unset>` when empty. */
export function listWithMoreString(list: readonly string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

/** intstr.IntOrString's String(). */
export function intOrString(value: number | string): string {
  return typeof value === 'number' ? String(value) : value;
}

/** sets.NewString(...).List(): sorted, de-duplicated. */
export function sortedSet(values: Iterable<string>): string[] {
  return [...new Set(values)].sort(byteCompare);
}

/** Go's string ordering (bytewise), not locale-aware. */
export function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

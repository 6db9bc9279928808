/**
 * Go `%#v` renderings of the values upstream validation passes to field.Invalid, so messages read exactly as a
 * 1.32 apiserver prints them (e.g. `v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, ...}`).
 */
 
import { GoText, goQuote } from '../field';

const sortedKeys = (m: object) => Object.keys(m).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

export function goStringMap(m: Record<string, string> | undefined | null): string {
  if (m == null) return 'map[string]string(nil)';
  return `map[string]string{${sortedKeys(m).map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`).join(', ')}}`;
}

export function goStringSlice(s: string[] | undefined | null): string {
  if (s == null) return '[]string(nil)';
  return `[]string{${s.map((x) => goQuote(String(x))).join(', ')}}`;
}

/** A labels map as a value: `map[string]string{"app":"web"}`. */
export const labelsValue = (m: Record<string, string> | undefined) => new GoText(goStringMap(m));

/** A *metav1.LabelSelector, dereferenced by field.Error and printed with %#v. */
export function labelSelectorValue(sel: any): GoText {
  if (sel == null) return new GoText('null');
  const exprs: any[] | undefined = sel.matchExpressions;
  const exprText =
    exprs == null
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${exprs
          .map((e) => `v1.LabelSelectorRequirement{Key:${goQuote(String(e.key ?? ''))}, Operator:${goQuote(String(e.operator ?? ''))}, Values:${goStringSlice(e.values)}}`)
          .join(', ')}}`;
  return new GoText(`v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprText}}`);
}

/** An intstr.IntOrString printed with %#v (its String method has a pointer receiver, so it is not used). */
export function intOrStringValue(v: unknown): GoText {
  if (typeof v === 'string') return new GoText(`intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`);
  return new GoText(`intstr.IntOrString{Type:0, IntVal:${typeof v === 'number' ? v : 0}, StrVal:""}`);
}

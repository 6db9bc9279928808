/**
 * Field selectors as k8s.io/apimachinery/pkg/fields implements them: comma-separated `field=value`,
 * `field==value` and `field!=value` terms, with `\`, `,` and `=` in values escaped by a backslash.
 */

export type FieldOperator = '=' | '!=';

export interface FieldRequirement {
  readonly field: string;
  /** `==` parses to `=`: upstream keeps no difference between them. */
  readonly operator: FieldOperator;
  readonly value: string;
}

/** A fields.Set: field label → value. A label that is absent reads as the empty string. */
export type FieldSet = Readonly<Record<string, string>>;

export interface FieldSelectorMatcher {
  readonly empty: boolean;
  readonly requirements: readonly FieldRequirement[];
  matches(fields: FieldSet): boolean;
  /** The canonical form, values re-escaped, as upstream's Selector.String(). */
  toString(): string;
  /** The value `field` must equal, if a term pins it (RequiresExactMatch). */
  requiresExactMatch(field: string): string | undefined;
}

export type FieldSelectorResult = { ok: true; selector: FieldSelectorMatcher } | { ok: false; error: string };

/** Rewrites one term (field label conversion); returning an error string rejects the whole selector. */
export type FieldTransform = (field: string, value: string) => { field: string; value: string } | string;

/** fields.EscapeValue: backslash-escapes `\`, `,` and `=`. */
export function escapeFieldValue(s: string): string {
  return s.replace(/[\\,=]/g, (c) => '\\' + c);
}

/** fields.UnescapeValue; errors are upstream's InvalidEscapeSequence and UnescapedRune messages. */
export function unescapeFieldValue(s: string): { ok: true; value: string } | { ok: false; error: string } {
  if (!/[\\,=]/.test(s)) return { ok: true, value: s };
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c !== '\\' && c !== ',' && c !== '=') return { ok: false, error: `invalid field selector: invalid escape sequence: \\${c}` };
      out += c;
      inSlash = false;
    } else if (c === '\\') {
      inSlash = true;
    } else if (c === ',' || c === '=') {
      // Go prints the rune with %v, i.e. as its code point number.
      return { ok: false, error: `invalid field selector: unescaped character in value: ${c.codePointAt(0)}` };
    } else {
      out += c;
    }
  }
  if (inSlash) return { ok: false, error: 'invalid field selector: invalid escape sequence: \\' };
  return { ok: true, value: out };
}

class TermsSelector implements FieldSelectorMatcher {
  constructor(readonly requirements: readonly FieldRequirement[]) {}

  get empty(): boolean {
    return this.requirements.length === 0;
  }

  matches(fields: FieldSet): boolean {
    return this.requirements.every((r) => ((fields[r.field] ?? '') === r.value) === (r.operator === '='));
  }

  toString(): string {
    return this.requirements.map((r) => `${r.field}${r.operator}${escapeFieldValue(r.value)}`).join(',');
  }

  requiresExactMatch(field: string): string | undefined {
    return this.requirements.find((r) => r.field === field && r.operator === '=')?.value;
  }
}

export const everythingFields = (): FieldSelectorMatcher => new TermsSelector([]);

/** fields.OneTermEqualSelector. */
export const oneTermEqualSelector = (field: string, value: string): FieldSelectorMatcher =>
  new TermsSelector([{ field, operator: '=', value }]);

/** Splits on commas that are not backslash-escaped, keeping the escapes in the terms. */
function splitTerms(selector: string): string[] {
  if (selector.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms;
}

/** The first operator in the term splits it (the field part cannot escape anything); `!=` and `==` before `=`. */
function splitTerm(term: string): { lhs: string; op: string; rhs: string } | undefined {
  for (let i = 0; i < term.length; i++) {
    for (const op of ['!=', '==', '=']) {
      if (term.startsWith(op, i)) return { lhs: term.slice(0, i), op, rhs: term.slice(i + op.length) };
    }
  }
  return undefined;
}

/** Go's sort.Strings order (byte-wise; UTF-16 order agrees for everything outside the astral planes). */
const byteOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** fields.ParseSelector, optionally with a transform (fields.ParseAndTransformSelector). */
export function parseFieldSelector(selector: string, transform?: FieldTransform): FieldSelectorResult {
  const parts = splitTerms(selector).sort(byteOrder);
  const requirements: FieldRequirement[] = [];
  for (const part of parts) {
    if (part === '') continue;
    const split = splitTerm(part);
    if (!split) return { ok: false, error: `invalid selector: '${selector}'; can't understand '${part}'` };
    const unescaped = unescapeFieldValue(split.rhs);
    if (!unescaped.ok) return unescaped;
    requirements.push({ field: split.lhs, operator: split.op === '!=' ? '!=' : '=', value: unescaped.value });
  }
  const parsed = new TermsSelector(requirements);
  return transform ? transformFieldSelector(parsed, transform) : { ok: true, selector: parsed };
}

/** Selector.Transform: rewrites every term; a term rewritten to an empty field and value drops out. */
export function transformFieldSelector(selector: FieldSelectorMatcher, fn: FieldTransform): FieldSelectorResult {
  const out: FieldRequirement[] = [];
  for (const r of selector.requirements) {
    const t = fn(r.field, r.value);
    if (typeof t === 'string') return { ok: false, error: t };
    if (t.field === '' && t.value === '') continue;
    out.push({ field: t.field, operator: r.operator, value: t.value });
  }
  return { ok: true, selector: new TermsSelector(out) };
}

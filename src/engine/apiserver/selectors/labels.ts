/**
 * Label selectors as k8s.io/apimachinery/pkg/labels implements them: the string syntax kubectl sends
 * (`app=web,tier in (fe,be),!canary,rank>2`), its parse errors word for word, matching, the canonical String(),
 * and metav1.LabelSelectorAsSelector for the structured form objects carry.
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { aggregateMessage, goQuote, goStringSlice } from './go-format';
import { validateLabelKey, validateLabelValue } from './label-validation';

export { validateLabelKey, validateLabelValue, validateLabels } from './label-validation';

/** selection.Operator values. */
export type LabelOperator = 'in' | 'notin' | '=' | '==' | '!=' | 'exists' | '!' | 'gt' | 'lt';

export interface LabelRequirement {
  readonly key: string;
  readonly operator: LabelOperator;
  /** Sorted and de-duplicated when parsed from a string; as given when built from a LabelSelector. */
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>> | null | undefined;

export interface LabelSelectorMatcher {
  /** True when the selector does not restrict anything (matches every object). */
  readonly empty: boolean;
  readonly requirements: readonly LabelRequirement[];
  matches(labels: Labels): boolean;
  /** The canonical form, as upstream's Selector.String(): requirements sorted by key. */
  toString(): string;
  /** The single value `key` must have, if the selector pins one (RequiresExactMatch). */
  requiresExactMatch(key: string): string | undefined;
}

export type LabelSelectorResult = { ok: true; selector: LabelSelectorMatcher } | { ok: false; error: string };

const BINARY_OPERATORS: LabelOperator[] = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];

// ---------------------------------------------------------------------------------------------------------------
// Requirements

/** strconv.ParseInt(s, 10, 64), as a BigInt; undefined when Go would return an error. */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? n : undefined;
}

/** labels.NewRequirement: validates and builds one requirement, or returns the aggregated error message. */
export function newRequirement(key: string, operator: LabelOperator, values: readonly string[] | null): LabelRequirement | string {
  const errs: string[] = [];
  const keyErrs = validateLabelKey(key);
  if (keyErrs.length) errs.push(`key: Invalid value: ${goQuote(key)}: ${keyErrs.join('; ')}`);
  const vals = values ?? [];
  switch (operator) {
    case 'in':
    case 'notin':
      if (vals.length === 0) errs.push(`values: Invalid value: ${goStringSlice(values)}: for 'in', 'notin' operators, values set can't be empty`);
      break;
    case '=':
    case '==':
    case '!=':
      if (vals.length !== 1) errs.push(`values: Invalid value: ${goStringSlice(values)}: exact-match compatibility requires one single value`);
      break;
    case 'exists':
    case '!':
      if (vals.length !== 0) errs.push(`values: Invalid value: ${goStringSlice(values)}: values set must be empty for exists and does not exist`);
      break;
    case 'gt':
    case 'lt':
      if (vals.length !== 1) errs.push(`values: Invalid value: ${goStringSlice(values)}: for 'Gt', 'Lt' operators, exactly one value is required`);
      vals.forEach((v, i) => {
        if (parseInt64(v) === undefined) errs.push(`values[${i}]: Invalid value: ${goQuote(v)}: for 'Gt', 'Lt' operators, the value must be an integer`);
      });
      break;
    default: {
      const supported = [...BINARY_OPERATORS, 'exists', '!'].map((o) => goQuote(o)).join(', ');
      errs.push(`operator: Unsupported value: ${goQuote(operator)}: supported values: ${supported}`);
    }
  }
  vals.forEach((v, i) => {
    const valueErrs = validateLabelValue(v);
    if (valueErrs.length) errs.push(`values[${i}][${key}]: Invalid value: ${goQuote(v)}: ${valueErrs.join('; ')}`);
  });
  if (errs.length) return aggregateMessage(errs);
  return { key, operator, values: vals };
}

function requirementMatches(r: LabelRequirement, labels: Labels): boolean {
  const has = labels != null && Object.prototype.hasOwnProperty.call(labels, r.key);
  const value = has ? labels![r.key] : undefined;
  switch (r.operator) {
    case 'in':
    case '=':
    case '==':
      return has && r.values.includes(value!);
    case 'notin':
    case '!=':
      return !has || !r.values.includes(value!);
    case 'exists':
      return has;
    case '!':
      return !has;
    case 'gt':
    case 'lt': {
      if (!has || r.values.length !== 1) return false;
      const actual = parseInt64(value!);
      const bound = parseInt64(r.values[0]);
      if (actual === undefined || bound === undefined) return false;
      return r.operator === 'gt' ? actual > bound : actual < bound;
    }
  }
}

function requirementString(r: LabelRequirement): string {
  const prefix = r.operator === '!' ? '!' : '';
  if (r.operator === 'exists' || r.operator === '!') return prefix + r.key;
  const op = { in: ' in ', notin: ' notin ', '=': '=', '==': '==', '!=': '!=', gt: '>', lt: '<' }[r.operator];
  const values = r.values.length === 1 ? r.values[0] : [...r.values].sort().join(',');
  return r.operator === 'in' || r.operator === 'notin' ? `${r.key}${op}(${values})` : `${r.key}${op}${values}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Selectors

class RequirementsSelector implements LabelSelectorMatcher {
  readonly requirements: readonly LabelRequirement[];

  constructor(requirements: LabelRequirement[]) {
    // Sorted by key (stable) so String() is deterministic, as upstream sorts after parsing.
    this.requirements = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  get empty(): boolean {
    return this.requirements.length === 0;
  }

  matches(labels: Labels): boolean {
    return this.requirements.every((r) => requirementMatches(r, labels));
  }

  toString(): string {
    return this.requirements.map(requirementString).join(',');
  }

  requiresExactMatch(key: string): string | undefined {
    const r = this.requirements.find((x) => x.key === key);
    if (r && (r.operator === '=' || r.operator === '==' || r.operator === 'in') && r.values.length === 1) return r.values[0];
    return undefined;
  }
}

/** labels.Nothing(): what a nil LabelSelector converts to. Not empty, yet matches nothing. */
class NothingSelector implements LabelSelectorMatcher {
  readonly requirements: readonly LabelRequirement[] = [];
  readonly empty = false;
  matches(): boolean {
    return false;
  }
  toString(): string {
    return '';
  }
  requiresExactMatch(): string | undefined {
    return undefined;
  }
}

export const everything = (): LabelSelectorMatcher => new RequirementsSelector([]);
export const nothing = (): LabelSelectorMatcher => new NothingSelector();

/** labels.SelectorFromSet: exactly these labels (no validation); an empty set matches everything. */
export function selectorFromSet(set: Labels): LabelSelectorMatcher {
  return new RequirementsSelector(Object.entries(set ?? {}).map(([key, v]) => ({ key, operator: '=' as const, values: [v] })));
}

/**
 * metav1.LabelSelectorAsSelector: a nil selector matches nothing, an empty one everything. matchLabels are
 * validated in key order (upstream's order is a Go map's, i.e. random, when several are invalid).
 */
export function labelSelectorAsMatcher(sel: LabelSelector | null | undefined): LabelSelectorResult {
  if (sel == null) return { ok: true, selector: nothing() };
  const matchLabels = sel.matchLabels ?? {};
  const expressions = sel.matchExpressions ?? [];
  if (Object.keys(matchLabels).length + expressions.length === 0) return { ok: true, selector: everything() };
  const requirements: LabelRequirement[] = [];
  for (const key of Object.keys(matchLabels).sort()) {
    const r = newRequirement(key, '=', [matchLabels[key]]);
    if (typeof r === 'string') return { ok: false, error: r };
    requirements.push(r);
  }
  for (const expr of expressions) {
    const op = ({ In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' } as const)[expr.operator as 'In'];
    if (!op) return { ok: false, error: `${goQuote(expr.operator)} is not a valid pod selector operator` };
    // Upstream copies the values into a nil slice first, so an absent or empty list prints as []string(nil).
    const r = newRequirement(expr.key, op, expr.values?.length ? [...expr.values] : null);
    if (typeof r === 'string') return { ok: false, error: r };
    requirements.push(r);
  }
  return { ok: true, selector: new RequirementsSelector(requirements) };
}

// ---------------------------------------------------------------------------------------------------------------
// The string syntax: a lexer and a recursive-descent parser with upstream's tokens and messages.

enum Tok {
  Error,
  EndOfString,
  ClosedPar,
  Comma,
  DoesNotExist,
  DoubleEquals,
  Equals,
  GreaterThan,
  Identifier,
  In,
  LessThan,
  NotEquals,
  NotIn,
  OpenPar,
}

const LITERAL_TOKENS: Record<string, Tok> = {
  ')': Tok.ClosedPar,
  ',': Tok.Comma,
  '!': Tok.DoesNotExist,
  '==': Tok.DoubleEquals,
  '=': Tok.Equals,
  '>': Tok.GreaterThan,
  in: Tok.In,
  '<': Tok.LessThan,
  '!=': Tok.NotEquals,
  notin: Tok.NotIn,
  '(': Tok.OpenPar,
};

interface Item {
  tok: Tok;
  literal: string;
}

const isWhitespace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\r' || ch === '\n';
const isSpecial = (ch: string) => ch === '=' || ch === '!' || ch === '(' || ch === ')' || ch === ',' || ch === '>' || ch === '<';

function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  // Go's lexer reads a NUL byte and the end of input alike, so both end a token (and, between tokens, the input).
  const read = () => (pos < s.length ? s[pos++] : '\u0000');
  const atEnd = (ch: string) => ch === '\u0000';
  for (;;) {
    let ch = read();
    while (isWhitespace(ch)) ch = read();
    if (atEnd(ch)) {
      items.push({ tok: Tok.EndOfString, literal: '' });
      return items;
    }
    if (isSpecial(ch)) {
      // The longest run of special characters that is still a token: `!=` but `!` then `(` for `!(`.
      let buffer = ch;
      let last: Item = { tok: LITERAL_TOKENS[ch], literal: ch };
      for (;;) {
        const next = read();
        if (atEnd(next)) break;
        if (!isSpecial(next)) {
          pos--;
          break;
        }
        buffer += next;
        const tok = LITERAL_TOKENS[buffer];
        if (tok === undefined) {
          pos--;
          break;
        }
        last = { tok, literal: buffer };
      }
      items.push(last);
      continue;
    }
    let word = ch;
    for (;;) {
      const next = read();
      if (atEnd(next)) break;
      if (isSpecial(next) || isWhitespace(next)) {
        pos--;
        break;
      }
      word += next;
    }
    items.push({ tok: LITERAL_TOKENS[word] ?? Tok.Identifier, literal: word });
  }
}

class ParseError {
  constructor(readonly message: string) {}
}

class Parser {
  private position = 0;
  constructor(private readonly items: Item[]) {}

  /** In a value position the keywords `in` and `notin` are plain identifiers (`x in (in)`). */
  private lookahead(values: boolean): Item {
    return this.asContext(this.items[this.position], values);
  }
  private consume(values: boolean): Item {
    return this.asContext(this.items[this.position++], values);
  }
  private asContext(item: Item, values: boolean): Item {
    return values && (item.tok === Tok.In || item.tok === Tok.NotIn) ? { tok: Tok.Identifier, literal: item.literal } : item;
  }

  parse(): LabelRequirement[] {
    const requirements: LabelRequirement[] = [];
    for (;;) {
      const { tok, literal } = this.lookahead(true);
      if (tok === Tok.Identifier || tok === Tok.DoesNotExist) {
        try {
          requirements.push(this.parseRequirement());
        } catch (e) {
          if (e instanceof ParseError) throw new ParseError(`unable to parse requirement: ${e.message}`);
          throw e;
        }
        const after = this.consume(true);
        if (after.tok === Tok.EndOfString) return requirements;
        if (after.tok === Tok.Comma) {
          const next = this.lookahead(true);
          if (next.tok !== Tok.Identifier && next.tok !== Tok.DoesNotExist) {
            throw new ParseError(`found '${next.literal}', expected: identifier after ','`);
          }
        } else {
          throw new ParseError(`found '${after.literal}', expected: ',' or 'end of string'`);
        }
      } else if (tok === Tok.EndOfString) {
        return requirements;
      } else {
        throw new ParseError(`found '${literal}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): LabelRequirement {
    const { key, operator: inferred } = this.parseKeyAndInferOperator();
    let values: string[];
    let operator: LabelOperator;
    if (inferred) {
      operator = inferred;
      values = [];
    } else {
      operator = this.parseOperator();
      values = operator === 'in' || operator === 'notin' ? this.parseValues() : this.parseExactValue();
    }
    const r = newRequirement(key, operator, values);
    if (typeof r === 'string') throw new ParseError(r);
    return r;
  }

  private parseKeyAndInferOperator(): { key: string; operator?: 'exists' | '!' } {
    let operator: 'exists' | '!' | undefined;
    let item = this.consume(true);
    if (item.tok === Tok.DoesNotExist) {
      operator = '!';
      item = this.consume(true);
    }
    if (item.tok !== Tok.Identifier) throw new ParseError(`found '${item.literal}', expected: identifier`);
    const keyErrs = validateLabelKey(item.literal);
    // The parser validates keys with a nil field path, which Go prints as "<nil>".
    if (keyErrs.length) throw new ParseError(`<nil>: Invalid value: ${goQuote(item.literal)}: ${keyErrs.join('; ')}`);
    const next = this.lookahead(true).tok;
    if ((next === Tok.EndOfString || next === Tok.Comma) && operator !== '!') operator = 'exists';
    return { key: item.literal, operator };
  }

  private parseOperator(): LabelOperator {
    const { tok, literal } = this.consume(false);
    switch (tok) {
      case Tok.In:
        return 'in';
      case Tok.Equals:
        return '=';
      case Tok.DoubleEquals:
        return '==';
      case Tok.GreaterThan:
        return 'gt';
      case Tok.LessThan:
        return 'lt';
      case Tok.NotIn:
        return 'notin';
      case Tok.NotEquals:
        return '!=';
      default:
        throw new ParseError(`found '${literal}', expected: ${BINARY_OPERATORS.join(', ')}`);
    }
  }

  /** `(a,b,,c)`: a set, so sorted and de-duplicated; empty entries are the empty string. */
  private parseValues(): string[] {
    const open = this.consume(true);
    if (open.tok !== Tok.OpenPar) throw new ParseError(`found '${open.literal}' expected: '('`);
    const { tok, literal } = this.lookahead(true);
    if (tok === Tok.Identifier || tok === Tok.Comma) {
      const set = this.parseIdentifiersList();
      if (this.consume(true).tok !== Tok.ClosedPar) throw new ParseError(`found '${literal}', expected: ')'`);
      return set;
    }
    if (tok === Tok.ClosedPar) {
      this.consume(true);
      return [''];
    }
    throw new ParseError(`found '${literal}', expected: ',', ')' or identifier`);
  }

  private parseIdentifiersList(): string[] {
    const set = new Set<string>();
    const sorted = () => [...set].sort();
    for (;;) {
      const { tok, literal } = this.consume(true);
      if (tok === Tok.Identifier) {
        set.add(literal);
        const next = this.lookahead(true);
        if (next.tok === Tok.Comma) continue;
        if (next.tok === Tok.ClosedPar) return sorted();
        throw new ParseError(`found '${next.literal}', expected: ',' or ')'`);
      } else if (tok === Tok.Comma) {
        if (set.size === 0) set.add(''); // "(,"
        const next = this.lookahead(true).tok;
        if (next === Tok.ClosedPar) {
          set.add(''); // ",)"
          return sorted();
        }
        if (next === Tok.Comma) set.add(''); // ",,"
      } else {
        throw new ParseError(`found '${literal}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): string[] {
    const ahead = this.lookahead(true).tok;
    if (ahead === Tok.EndOfString || ahead === Tok.Comma) return [''];
    const { tok, literal } = this.consume(true);
    if (tok === Tok.Identifier) return [literal];
    throw new ParseError(`found '${literal}', expected: identifier`);
  }
}

/** labels.Parse: the string form of a selector; `""` selects everything. */
export function parseLabelSelector(s: string): LabelSelectorResult {
  try {
    return { ok: true, selector: new RequirementsSelector(new Parser(lex(s)).parse()) };
  } catch (e) {
    if (e instanceof ParseError) return { ok: false, error: e.message };
    throw e;
  }
}

/**
 * Field paths and field errors as k8s.io/apimachinery/pkg/util/validation/field builds them: the path renders as
 * `spec.template.spec.containers[0].image`, the detail as `Invalid value: -1: must be greater than or equal to 0`.
 */
import type { FieldError } from '../status';

/** An immutable field path; `child`, `index` and `key` return a longer one. */
export class Path {
  private constructor(private readonly text: string) {}

  static root(...names: string[]): Path {
    return new Path(names.join('.'));
  }

  child(...names: string[]): Path {
    return new Path([this.text, ...names].filter(Boolean).join('.'));
  }

  index(i: number): Path {
    return new Path(`${this.text}[${i}]`);
  }

  key(k: string): Path {
    return new Path(`${this.text}[${k}]`);
  }

  toString(): string {
    return this.text;
  }
}

/** Marks a value that Go would print with a Stringer or %#v: the caller supplies the exact text. */
export class GoText {
  constructor(readonly text: string) {}
}

/** Go's %q for a string: JSON-like escapes, but non-ASCII printable runes kept and control runes as \x.. / \u.... */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c === 7) out += '\\a';
    else if (c === 8) out += '\\b';
    else if (c === 12) out += '\\f';
    else if (c === 11) out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A JS number as Go's %v prints an int or float64. */
function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  // Go prints large/small floats with %g-like exponents: 1e+21, 1e-07.
  const s = String(n);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** How field.Error prints a bad value (ErrorBody): simple types with %v, strings with %q, the rest Go-like. */
export function formatValue(v: unknown): string {
  if (v instanceof GoText) return v.text;
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    if (v.every((x) => typeof x === 'string')) return `[]string{${v.map((x) => goQuote(x as string)).join(', ')}}`;
    return `[]interface {}{${v.map(formatValue).join(', ')}}`;
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (entries.every(([, x]) => typeof x === 'string')) {
      return `map[string]string{${entries.map(([k, x]) => `${goQuote(k)}:${goQuote(x as string)}`).join(', ')}}`;
    }
    return `map[string]interface {}{${entries.map(([k, x]) => `${goQuote(k)}:${formatValue(x)}`).join(', ')}}`;
  }
  return String(v);
}

export function required(path: Path, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field: String(path), detail: detail ? `Required value: ${detail}` : 'Required value' };
}

export function invalid(path: Path, value: unknown, detail = ''): FieldError {
  const body = `Invalid value: ${formatValue(value)}`;
  return { type: 'FieldValueInvalid', field: String(path), detail: detail ? `${body}: ${detail}` : body };
}

export function notSupported(path: Path, value: unknown, valid: readonly string[]): FieldError {
  const body = `Unsupported value: ${formatValue(value)}`;
  const detail = valid.length ? `: supported values: ${valid.map(goQuote).join(', ')}` : '';
  return { type: 'FieldValueNotSupported', field: String(path), detail: body + detail };
}

export function duplicate(path: Path, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field: String(path), detail: `Duplicate value: ${formatValue(value)}` };
}

export function forbidden(path: Path, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field: String(path), detail: detail ? `Forbidden: ${detail}` : 'Forbidden' };
}

export function notFound(path: Path, value: unknown): FieldError {
  return { type: 'FieldValueNotFound', field: String(path), detail: `Not found: ${formatValue(value)}` };
}

/** field.TooLong: the value is not printed. */
export function tooLong(path: Path, maxLength: number): FieldError {
  return { type: 'FieldValueTooLong', field: String(path), detail: `Too long: must have at most ${maxLength} bytes` };
}

export function tooMany(path: Path, actual: number, max: number): FieldError {
  return { type: 'FieldValueTooMany', field: String(path), detail: `Too many: ${actual}: must have at most ${max} items` };
}

/** The `field.ErrorList.ToAggregate` de-duplication: identical messages are reported once. */
export function dedupe(errs: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errs.filter((e) => {
    const key = `${e.field}: ${e.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

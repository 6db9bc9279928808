/**
 * JSON values → YAML text as kubectl's `-o yaml` writes it (sigs.k8s.io/yaml over go-yaml v2): map keys sorted,
 * sequences not indented under their key, strings that would read back as another type double-quoted, strings
 * with indicators single-quoted, multi-line strings as literal blocks, long plain lines folded past column 80.
 */
const BEST_WIDTH = 80;

const YAML11_BOOLS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'n', 'N', 'no', 'No', 'NO', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'on', 'On', 'ON', 'off', 'Off', 'OFF']);
const YAML11_NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);

/** Whether go-yaml v2 would resolve this plain scalar to something other than a string. */
function resolvesToNonString(s: string): boolean {
  if (YAML11_BOOLS.has(s) || YAML11_NULLS.has(s)) return true;
  if (/^[-+]?(\.inf|\.Inf|\.INF)$/.test(s) || /^(\.nan|\.NaN|\.NAN)$/.test(s)) return true;
  const plain = s.replace(/_/g, '');
  if (/^[-+]?(0b[01]+|0x[0-9a-fA-F]+|0o?[0-7]+|[0-9]+)$/.test(plain)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return true;
  if (/^[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?$/.test(s)) return true; // base 60
  if (/^\d{4}-\d{1,2}-\d{1,2}(([Tt]| +)\d{1,2}:\d{2}:\d{2}(\.\d*)?( *(Z|[-+]\d{1,2}(:\d{2})?))?)?$/.test(s)) return true;
  return false;
}

const isPrintable = (c: string) => {
  const code = c.codePointAt(0) ?? 0;
  return code === 0x09 || code === 0x0a || code === 0x0d || (code >= 0x20 && code <= 0x7e) || code === 0x85 || (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) || (code >= 0x10000 && code <= 0x10ffff);
};

type Style = 'plain' | 'single' | 'double' | 'literal';

function scalarStyle(s: string, isKey: boolean): Style {
  if (s.includes('\n') && !isKey) return [...s].every(isPrintable) ? 'literal' : 'double';
  if (resolvesToNonString(s)) return 'double';
  const chars = [...s];
  if (!chars.every(isPrintable) || s.includes('\n')) return 'double';
  let blockIndicators = false;
  const space = (c: string | undefined) => c === undefined || c === ' ' || c === '\t' || c === '\r' || c === '\n';
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    const followedBySpace = space(chars[i + 1]);
    const precededBySpace = i === 0 || space(chars[i - 1]);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      else if ((c === '?' || c === ':' || c === '-') && followedBySpace) blockIndicators = true;
    } else if (c === ':' && followedBySpace) blockIndicators = true;
    else if (c === '#' && precededBySpace) blockIndicators = true;
  }
  if (s.startsWith(' ') || s.endsWith(' ') || s.startsWith('\t') || s.endsWith('\t')) blockIndicators = true;
  if (s.startsWith('---') || s.startsWith('...')) blockIndicators = true;
  return blockIndicators ? 'single' : 'plain';
}

/** Writes `text` starting at `column`, replacing a space by a line break once past the best width. */
function fold(text: string, column: number, indent: string): string {
  if (column + text.length <= BEST_WIDTH) return text;
  let out = '';
  let col = column;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === ' ' && col > BEST_WIDTH && chars[i - 1] !== ' ' && chars[i + 1] !== ' ' && chars[i + 1] !== undefined) {
      out += '\n' + indent;
      col = indent.length;
      continue;
    }
    out += c;
    col++;
  }
  return out;
}

function doubleQuoted(s: string): string {
  let out = '"';
  for (const c of s) {
    const code = c.codePointAt(0) ?? 0;
    if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if (c === '\n') out += '\\n';
    else if (c === '\t') out += '\\t';
    else if (c === '\r') out += '\\r';
    else if (code === 0) out += '\\0';
    else if (!isPrintable(c) || code === 0xfeff) out += code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : code <= 0xffff ? `\\u${code.toString(16).toUpperCase().padStart(4, '0')}` : `\\U${code.toString(16).toUpperCase().padStart(8, '0')}`;
    else out += c;
  }
  return out + '"';
}

/** A scalar string in value position; `column` is where it starts, `indent` the continuation indentation. */
function stringScalar(s: string, column: number, indent: string, isKey = false): string {
  switch (scalarStyle(s, isKey)) {
    case 'plain':
      return isKey ? s : fold(s, column, indent);
    case 'single':
      return "'" + (isKey ? s.replace(/'/g, "''") : fold(s.replace(/'/g, "''"), column + 1, indent)) + "'";
    case 'double':
      return doubleQuoted(s);
    case 'literal': {
      const trailing = s.match(/\n*$/)?.[0].length ?? 0;
      const chomp = trailing === 0 ? '-' : trailing === 1 ? '' : '+';
      const indicator = s.startsWith(' ') || s.startsWith('\n') ? '2' : '';
      const body = trailing > 0 ? s.slice(0, s.length - (chomp === '+' ? 1 : trailing)) : s;
      const lines = body.split('\n').map((l) => (l === '' ? '' : indent + l));
      return `|${indicator}${chomp}\n${lines.join('\n')}`;
    }
  }
}

function scalar(v: unknown, column: number, indent: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return formatNumber(v);
  return stringScalar(String(v), column, indent);
}

/** Numbers as Go prints float64/int64 values decoded from JSON. */
export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : n < 0 ? '-.inf' : '.nan';
  const s = String(n);
  return s.replace(/e\+?/, 'e+').replace('e+-', 'e-');
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function sortedKeys(m: Record<string, unknown>): string[] {
  return Object.keys(m)
    .filter((k) => m[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function emit(value: unknown, indent: string, lines: string[], prefix: string): void {
  // `prefix` is the text already on the current line (e.g. `key: ` or `- `), written by the caller.
  if (isMap(value)) {
    const keys = sortedKeys(value);
    if (keys.length === 0) {
      lines.push(prefix + '{}');
      return;
    }
    keys.forEach((k, i) => {
      const head = (i === 0 ? prefix : indent) + stringScalar(k, 0, '', true) + ':';
      emitEntry(value[k], indent, lines, head);
    });
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      lines.push(prefix + '[]');
      return;
    }
    value.forEach((item, i) => {
      const head = (i === 0 ? prefix : indent) + '- ';
      if (isMap(item) && sortedKeys(item).length > 0) emit(item, indent + '  ', lines, head);
      else if (Array.isArray(item) && item.length > 0) emit(item, indent + '  ', lines, head);
      else lines.push(head + scalarText(item, head.length, indent + '  '));
    });
    return;
  }
  lines.push(prefix + scalarText(value, prefix.length, indent));
}

function scalarText(v: unknown, column: number, indent: string): string {
  if (isMap(v)) return '{}';
  if (Array.isArray(v)) return '[]';
  return scalar(v, column, indent);
}

/** `key:` followed by its value: nested maps indent by two, sequences stay at the key's indentation. */
function emitEntry(v: unknown, indent: string, lines: string[], head: string): void {
  if (isMap(v) && sortedKeys(v).length > 0) {
    lines.push(head);
    emit(v, indent + '  ', lines, indent + '  ');
  } else if (Array.isArray(v) && v.length > 0) {
    lines.push(head);
    emit(v, indent, lines, indent);
  } else {
    lines.push(head + ' ' + scalarText(v, head.length + 1, indent + '  '));
  }
}

/** The YAML document for one value, ending with a newline. */
export function toYaml(value: unknown): string {
  const lines: string[] = [];
  emit(value, '', lines, '');
  return lines.join('\n') + '\n';
}

/** JSON as Go's json.MarshalIndent(v, "", "    ") writes a map-based object: sorted keys, HTML-safe escapes. */
export function toJson(value: unknown, indent = '    '): string {
  return stringifyGo(value, '', indent) + '\n';
}

function stringifyGo(v: unknown, current: string, indent: string): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? formatJsonNumber(v) : 'null';
  if (typeof v === 'boolean') return String(v);
  const next = current + indent;
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return '[\n' + v.map((x) => next + stringifyGo(x, next, indent)).join(',\n') + '\n' + current + ']';
  }
  const m = v as Record<string, unknown>;
  const keys = sortedKeys(m);
  if (keys.length === 0) return '{}';
  return '{\n' + keys.map((k) => `${next}${goJsonString(k)}: ${stringifyGo(m[k], next, indent)}`).join(',\n') + '\n' + current + '}';
}

function formatJsonNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const abs = Math.abs(n);
  if (abs < 1e-6 || abs >= 1e21) return String(n).replace(/e\+?(-?)(\d)$/, 'e$1' + '0$2').replace(/e(-?)0(\d\d)$/, 'e$1$2');
  return String(n);
}

/** A JSON string with Go's escaping (`<`, `>`, `&`, U+2028, U+2029 as \u escapes). */
export function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

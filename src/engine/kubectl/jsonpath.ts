/**
 * kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath): literal text with `{…}` actions — fields
 * (`.a.b`, `['a.b']`, `.*`), arrays (`[0]`, `[*]`, `[1:3]`, `[-1:]`, unions), recursive descent (`..name`),
 * filters (`[?(@.type=="Ready")]`), `{range …}{end}` and quoted literals (`{"\n"}`). Values print as kubectl
 * prints them: strings raw, maps and lists as compact JSON, several results separated by spaces.
 */
import { goJsonString, toJson } from './yaml-output';

type Value = unknown;

type PathNode =
  | { t: 'field'; name: string }
  | { t: 'wildcard' }
  | { t: 'index'; parts: Array<{ index: number } | { start?: number; end?: number; step?: number }> }
  | { t: 'union'; names: string[] }
  | { t: 'recursive' }
  | { t: 'filter'; left: Operand; op?: string; right?: Operand }
  | { t: 'root' }
  | { t: 'current' }
  | { t: 'literal'; value: Value };

type Operand = { t: 'path'; nodes: PathNode[] } | { t: 'literal'; value: Value };

type Segment = { t: 'text'; text: string } | { t: 'action'; nodes: PathNode[] } | { t: 'range'; nodes: PathNode[]; body: Segment[] };

export class JsonPathError extends Error {}

/** Parses a template; throws JsonPathError with client-go's wording where it matters. */
export function parseJsonPath(template: string): Segment[] {
  let pos = 0;
  const parseSegments = (inRange: boolean): Segment[] => {
    const out: Segment[] = [];
    while (pos < template.length) {
      const open = template.indexOf('{', pos);
      if (open < 0) {
        out.push({ t: 'text', text: template.slice(pos) });
        pos = template.length;
        break;
      }
      if (open > pos) out.push({ t: 'text', text: template.slice(pos, open) });
      const close = findClose(template, open);
      if (close < 0) throw new JsonPathError(`unclosed action`);
      const inner = template.slice(open + 1, close).trim();
      pos = close + 1;
      if (inner === 'end') {
        if (!inRange) throw new JsonPathError('not in range, nothing to end');
        return out;
      }
      if (inner.startsWith('range ') || inner === 'range') {
        const nodes = parseExpression(inner.slice(5).trim());
        const body = parseSegments(true);
        out.push({ t: 'range', nodes, body });
        continue;
      }
      out.push({ t: 'action', nodes: parseExpression(inner) });
    }
    if (inRange) throw new JsonPathError('unclosed range');
    return out;
  };
  return parseSegments(false);
}

function findClose(s: string, open: number): number {
  let quote = '';
  let depth = 0;
  for (let i = open + 1; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '(') depth++;
    else if (c === ']' || c === ')') depth--;
    else if (c === '}' && depth <= 0) return i;
  }
  return -1;
}

function unquote(s: string): string {
  if (s.startsWith('"')) {
    try {
      return JSON.parse(s) as string;
    } catch {
      throw new JsonPathError(`invalid string literal ${s}`);
    }
  }
  return s.slice(1, -1).replace(/\\'/g, "'");
}

function parseLiteral(s: string): Value | undefined {
  const t = s.trim();
  if ((t.startsWith('"') && t.endsWith('"')) || (t.startsWith("'") && t.endsWith("'"))) return unquote(t);
  if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
  if (t === 'true' || t === 'false') return t === 'true';
  return undefined;
}

function parseExpression(expr: string): PathNode[] {
  const nodes: PathNode[] = [];
  let i = 0;
  const s = expr.trim();
  const literal = parseLiteral(s);
  if (literal !== undefined && (s.startsWith('"') || s.startsWith("'"))) return [{ t: 'literal', value: literal }];
  while (i < s.length) {
    const c = s[i];
    if (c === '$') {
      nodes.push({ t: 'root' });
      i++;
    } else if (c === '@') {
      nodes.push({ t: 'current' });
      i++;
    } else if (s.startsWith('..', i)) {
      nodes.push({ t: 'recursive' });
      i += 1; // the next `.` starts the field
    } else if (c === '.') {
      i++;
      if (s[i] === '*') {
        nodes.push({ t: 'wildcard' });
        i++;
        continue;
      }
      const m = /^[A-Za-z0-9_\-/$]*/.exec(s.slice(i));
      const name = m ? m[0] : '';
      i += name.length;
      if (name) nodes.push({ t: 'field', name });
    } else if (c === '[') {
      const close = matchingBracket(s, i);
      if (close < 0) throw new JsonPathError(`unterminated array`);
      const inner = s.slice(i + 1, close).trim();
      i = close + 1;
      nodes.push(parseBracket(inner));
    } else if (c === ' ') {
      i++;
    } else {
      const m = /^[A-Za-z_][A-Za-z0-9_\-/]*/.exec(s.slice(i));
      if (!m) throw new JsonPathError(`unrecognized character in action: U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} '${c}'`);
      nodes.push({ t: 'field', name: m[0] });
      i += m[0].length;
    }
  }
  return nodes;
}

function matchingBracket(s: string, open: number): number {
  let depth = 0;
  let quote = '';
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return i;
  }
  return -1;
}

function parseBracket(inner: string): PathNode {
  if (inner === '*') return { t: 'wildcard' };
  if (inner.startsWith('?')) {
    const body = inner.slice(1).trim().replace(/^\(/, '').replace(/\)$/, '');
    const m = /^(.*?)\s*(==|!=|<=|>=|<|>|=~)\s*(.*)$/.exec(body);
    if (!m) return { t: 'filter', left: operand(body) };
    return { t: 'filter', left: operand(m[1]), op: m[2], right: operand(m[3]) };
  }
  if (inner.startsWith("'") || inner.startsWith('"')) {
    return { t: 'union', names: splitTop(inner).map((p) => unquote(p.trim())) };
  }
  const parts = splitTop(inner).map((p) => {
    const t = p.trim();
    if (t.includes(':')) {
      const [a, b, c] = t.split(':').map((x) => x.trim());
      return { start: a ? parseInt(a, 10) : undefined, end: b ? parseInt(b, 10) : undefined, step: c ? parseInt(c, 10) : undefined };
    }
    if (!/^-?\d+$/.test(t)) throw new JsonPathError(`invalid array index ${t}`);
    return { index: parseInt(t, 10) };
  });
  return { t: 'index', parts };
}

function splitTop(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = '';
  for (const c of s) {
    if (quote) {
      cur += c;
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      quote = c;
      cur += c;
    } else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

function operand(text: string): Operand {
  const lit = parseLiteral(text);
  if (lit !== undefined) return { t: 'literal', value: lit };
  return { t: 'path', nodes: parseExpression(text) };
}

const isMap = (v: Value): v is Record<string, Value> => typeof v === 'object' && v !== null && !Array.isArray(v);

function sortedValues(m: Record<string, Value>): Value[] {
  return Object.keys(m)
    .sort()
    .map((k) => m[k]);
}

function evalNodes(nodes: PathNode[], current: Value[], root: Value, allowMissing: boolean): Value[] {
  let values = current;
  for (const node of nodes) {
    const next: Value[] = [];
    switch (node.t) {
      case 'root':
        next.push(root);
        break;
      case 'current':
        next.push(...values);
        break;
      case 'literal':
        next.push(node.value);
        break;
      case 'field':
        for (const v of values) {
          if (isMap(v) && node.name in v) next.push(v[node.name]);
        }
        if (next.length === 0 && !allowMissing && values.length > 0) throw new JsonPathError(`${node.name} is not found`);
        break;
      case 'union':
        for (const v of values) for (const n of node.names) if (isMap(v) && n in v) next.push(v[n]);
        break;
      case 'wildcard':
        for (const v of values) {
          if (Array.isArray(v)) next.push(...v);
          else if (isMap(v)) next.push(...sortedValues(v));
        }
        break;
      case 'recursive':
        for (const v of values) collectAll(v, next);
        break;
      case 'index':
        for (const v of values) {
          if (!Array.isArray(v)) continue;
          for (const p of node.parts) {
            if ('index' in p) {
              const idx = p.index < 0 ? v.length + p.index : p.index;
              if (idx < 0 || idx >= v.length) {
                if (!allowMissing) throw new JsonPathError(`array index out of bounds: index ${p.index}, length ${v.length}`);
                continue;
              }
              next.push(v[idx]);
            } else {
              const len = v.length;
              let start = p.start ?? 0;
              let end = p.end ?? len;
              const step = p.step && p.step > 0 ? p.step : 1;
              if (start < 0) start = Math.max(0, len + start);
              if (end < 0) end = len + end;
              end = Math.min(end, len);
              for (let k = start; k < end; k += step) next.push(v[k]);
            }
          }
        }
        break;
      case 'filter':
        for (const v of values) {
          const items = Array.isArray(v) ? v : [v];
          for (const item of items) if (filterMatches(node, item, root)) next.push(item);
        }
        break;
    }
    values = next;
  }
  return values;
}

function collectAll(v: Value, out: Value[]): void {
  out.push(v);
  if (Array.isArray(v)) for (const x of v) collectAll(x, out);
  else if (isMap(v)) for (const x of sortedValues(v)) collectAll(x, out);
}

function operandValues(o: Operand, item: Value, root: Value): Value[] {
  if (o.t === 'literal') return [o.value];
  return evalNodes(o.nodes, [item], root, true);
}

function filterMatches(node: Extract<PathNode, { t: 'filter' }>, item: Value, root: Value): boolean {
  const left = operandValues(node.left, item, root);
  if (!node.op || !node.right) return left.length > 0;
  const right = operandValues(node.right, item, root);
  if (left.length === 0 || right.length === 0) return false;
  const a = left[0];
  const b = right[0];
  switch (node.op) {
    case '==':
      return looseEqual(a, b);
    case '!=':
      return !looseEqual(a, b);
    case '=~':
      return new RegExp(String(b)).test(String(a));
    default: {
      const x = Number(a);
      const y = Number(b);
      if (Number.isNaN(x) || Number.isNaN(y)) return false;
      return node.op === '<' ? x < y : node.op === '>' ? x > y : node.op === '<=' ? x <= y : x >= y;
    }
  }
}

function looseEqual(a: Value, b: Value): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b);
  return String(a) === String(b);
}

/** Compact JSON as Go's json.Marshal writes a map (sorted keys). */
export function compactJson(v: Value): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return '[' + v.map(compactJson).join(',') + ']';
  if (isMap(v)) {
    return (
      '{' +
      Object.keys(v)
        .filter((k) => v[k] !== undefined)
        .sort()
        .map((k) => `${goJsonString(k)}:${compactJson(v[k])}`)
        .join(',') +
      '}'
    );
  }
  if (typeof v === 'string') return goJsonString(v);
  return String(v);
}

function text(v: Value): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'object') return compactJson(v);
  return String(v);
}

export interface JsonPathOptions {
  allowMissingKeys?: boolean;
}

/** Executes a parsed template against `data`; the output text. */
export function executeJsonPath(segments: Segment[], data: Value, opts: JsonPathOptions = {}): string {
  const allowMissing = opts.allowMissingKeys ?? true;
  const run = (segs: Segment[], current: Value): string => {
    let out = '';
    for (const seg of segs) {
      if (seg.t === 'text') out += seg.text;
      else if (seg.t === 'action') out += evalNodes(seg.nodes, [current], data, allowMissing).map(text).join(' ');
      else {
        const items = evalNodes(seg.nodes, [current], data, allowMissing);
        const expanded = items.length === 1 && Array.isArray(items[0]) ? (items[0] as Value[]) : items;
        for (const item of expanded) out += run(seg.body, item);
      }
    }
    return out;
  };
  return run(segments, data);
}

/** `-o jsonpath-as-json`: every result of the template, as an indented JSON array. */
export function executeJsonPathAsJson(segments: Segment[], data: Value, opts: JsonPathOptions = {}): string {
  const allowMissing = opts.allowMissingKeys ?? true;
  const results: Value[] = [];
  const run = (segs: Segment[], current: Value) => {
    for (const seg of segs) {
      if (seg.t === 'action') results.push(...evalNodes(seg.nodes, [current], data, allowMissing));
      else if (seg.t === 'range') {
        const items = evalNodes(seg.nodes, [current], data, allowMissing);
        const expanded = items.length === 1 && Array.isArray(items[0]) ? (items[0] as Value[]) : items;
        for (const item of expanded) run(seg.body, item);
      }
    }
  };
  run(segments, data);
  return toJson(results);
}

/** Evaluates a single path expression (`.metadata.name` or `{.metadata.name}`) to its values. */
export function evaluatePath(expression: string, data: Value): Value[] {
  const segments = parseJsonPath(relaxedJsonPath(expression));
  const out: Value[] = [];
  for (const seg of segments) if (seg.t === 'action') out.push(...evalNodes(seg.nodes, [data], data, true));
  return out;
}

/** kubectl's RelaxedJSONPathExpression: `.a.b`, `a.b` and `{.a.b}` all mean `{.a.b}`. */
export function relaxedJsonPath(pathExpression: string): string {
  const s = pathExpression.trim();
  if (s === '') return s;
  const m = /^\{?(\.?[^{}]*?)\}?$/.exec(s);
  if (!m) throw new JsonPathError(`unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'`);
  const inner = m[1];
  return `{${inner.startsWith('.') ? inner : '.' + inner}}`;
}

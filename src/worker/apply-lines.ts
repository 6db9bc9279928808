/**
 * `kubectl apply` results as the lines the editor shows, each tied to the buffer line it is about: a YAML error at
 * its line; a server error (422 Invalid) at the line of the first field its causes name — or the deepest part of
 * that path the document has — rather than at the document's first line.
 */
import { isMap, isSeq, LineCounter, parseAllDocuments, type Node as YamlNode } from 'yaml';
import type { ApplyResult } from '../engine/kubectl/apply';
import type { ApplyLine } from '../protocol/messages';

export function applyLines(result: ApplyResult, text = ''): ApplyLine[] {
  if (result.error) return [{ text: result.error, ok: false, ...(result.errorLine ? { line: result.errorLine } : {}) }];
  if (result.outcomes.length === 0) return [{ text: 'error: no objects passed to apply', ok: false }];
  let locate: FieldLocator | undefined;
  return result.outcomes.map((o) => {
    let line = o.line;
    const field = o.error ? o.status?.details?.causes?.find((c) => c.field)?.field : undefined;
    if (field && o.line) {
      locate ??= fieldLocator(text);
      line = locate(o.line, field) ?? o.line;
    }
    const at = line ? { line } : {};
    if (o.error) return { text: o.error, ok: false, ...at };
    return { text: `${o.ref} ${o.action ?? 'unchanged'}`, ok: true, ...at };
  });
}

/** (document's first line, field path) → the line of that field in the buffer. */
type FieldLocator = (docLine: number, field: string) => number | undefined;

/** `spec.template.spec.containers[0].image` → ['spec', 'template', 'spec', 'containers', 0, 'image']. */
export function fieldPath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[([^\]]*)\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else out.push(/^\d+$/.test(m[2]) ? Number(m[2]) : m[2]);
  }
  return out;
}

function fieldLocator(text: string): FieldLocator {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false, strict: false });
  const list = Array.isArray(docs) ? docs : [];
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;
  return (docLine, field) => {
    const doc = list.find((d) => d.contents?.range && lineOf(d.contents.range[0]) === docLine);
    if (!doc) return undefined;
    let node = doc.contents as YamlNode | null;
    let line: number | undefined;
    for (const segment of fieldPath(field)) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === segment);
        if (!pair) break;
        const keyRange = (pair.key as YamlNode | null)?.range;
        if (keyRange) line = lineOf(keyRange[0]);
        node = pair.value as YamlNode | null;
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as YamlNode | undefined;
        if (!item) break;
        if (item.range) line = lineOf(item.range[0]);
        node = item;
      } else break;
    }
    return line;
  };
}

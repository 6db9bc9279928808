/**
 * Multi-document YAML (or JSON) manifests → objects, with the line of each document for error messages, as
 * `kubectl apply -f` reads them. `List` kinds (`kind: List`, `*List`) are flattened into their items.
 */
import { LineCounter, parseAllDocuments } from 'yaml';

export interface ManifestObject {
  /** The decoded object (a fresh plain JSON value). */
  object: Record<string, unknown>;
  /** 1-based line where the document starts. */
  line: number;
  /** 0-based index of the document in the file. */
  index: number;
}

export interface ManifestError {
  message: string;
  line?: number;
  column?: number;
  index?: number;
}

export type ParsedManifest = { ok: true; objects: ManifestObject[] } | { ok: false; error: ManifestError };

/** Parses manifests like kubectl: YAML errors read `error converting YAML to JSON: yaml: line N: …`. */
export function parseManifests(text: string): ParsedManifest {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: false, prettyErrors: false, strict: false });
  if (!Array.isArray(docs)) {
    return { ok: false, error: { message: 'error converting YAML to JSON: unexpected document stream' } };
  }
  const objects: ManifestObject[] = [];
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i];
    const start = doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0;
    const docLine = lineCounter.linePos(start).line;
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      const pos = lineCounter.linePos(err.pos[0]);
      return {
        ok: false,
        error: { message: `error converting YAML to JSON: yaml: line ${pos.line}: ${describeYamlError(err.message)}`, line: pos.line, column: pos.col, index: i },
      };
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 100 });
    } catch (err) {
      // Alias errors (unresolved anchors, alias bombs) surface only when the document is turned into values.
      return { ok: false, error: { message: `error converting YAML to JSON: yaml: line ${docLine}: ${(err as Error).message}`, line: docLine, index: i } };
    }
    if (value === null || value === undefined) continue; // empty document (e.g. a trailing ---)
    if (typeof value !== 'object' || Array.isArray(value)) {
      return {
        ok: false,
        error: { message: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(value) ? 'array' : typeof value} into Go value of type map[string]interface {}`, line: docLine, index: i },
      };
    }
    const obj = value as Record<string, unknown>;
    if (typeof obj.kind === 'string' && obj.kind.endsWith('List') && Array.isArray(obj.items)) {
      for (const item of obj.items) {
        if (item && typeof item === 'object' && !Array.isArray(item)) objects.push({ object: item as Record<string, unknown>, line: docLine, index: i });
      }
      continue;
    }
    objects.push({ object: obj, line: docLine, index: i });
  }
  return { ok: true, objects };
}

/** The yaml package's messages, trimmed of its position suffix (we report the line ourselves). */
function describeYamlError(message: string): string {
  return message.replace(/ at line \d+, column \d+[\s\S]*$/, '').replace(/\n[\s\S]*$/, '');
}

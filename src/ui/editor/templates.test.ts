import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { TEMPLATES } from './templates';

describe('TEMPLATES', () => {
  it('are YAML documents of the kind they are named after', () => {
    for (const [name, text] of Object.entries(TEMPLATES)) {
      const parsed = parseAllDocuments(text);
      const docs = Array.isArray(parsed) ? parsed : [];
      expect(docs.length > 0 && docs.every((d) => d.errors.length === 0), name).toBe(true);
      const kinds = docs.map((d) => (d.toJS() as { kind: string }).kind);
      expect(kinds.join(' + '), name).toBe(name);
    }
  });
});

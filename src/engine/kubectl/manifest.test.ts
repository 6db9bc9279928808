import { describe, expect, it } from 'vitest';
import { parseManifests } from './manifest';

describe('parseManifests', () => {
  it('reads several documents with their lines and flattens Lists', () => {
    const text = `apiVersion: v1
kind: ConfigMap
metadata: {name: a}
---
apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}
- {apiVersion: v1, kind: ConfigMap, metadata: {name: c}}
---
`;
    const parsed = parseManifests(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.objects.map((o) => (o.object.metadata as { name: string }).name)).toEqual(['a', 'b', 'c']);
    expect(parsed.objects[0].line).toBe(1);
    expect(parsed.objects[1].line).toBe(5);
  });

  it('reports YAML errors with their line', () => {
    const parsed = parseManifests('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n bad: [\n');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.message).toMatch(/^error converting YAML to JSON: yaml: line \d+: /);
    expect(parsed.error.line).toBeGreaterThan(1);
  });

  it('rejects a document that is not a mapping', () => {
    const parsed = parseManifests('- a\n- b\n');
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.message).toContain('cannot unmarshal array');
  });
});

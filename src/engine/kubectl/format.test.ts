import { describe, expect, it } from 'vitest';
import { TabWriter, tabulate } from './tabwriter';
import { toJson, toYaml } from './yaml-output';
import { tokenize } from './tokenize';
import { FlagError, parseFlags } from './flags';

describe('tabwriter (kubectl settings)', () => {
  it('pads columns to max(cell)+3 with a minimum of 6, leaving the last cell unpadded', () => {
    expect(tabulate('A\tBB\tC\nxxxxxxxx\ty\tz\n')).toBe('A          BB    C\nxxxxxxxx   y     z\n');
  });
  it('remembers widths across flushes (watch output stays aligned)', () => {
    const w = new TabWriter();
    w.write('NAME\tAGE\nlongername\t1s\n');
    w.flush();
    w.write('a\t2s\n');
    expect(w.flush()).toBe('a            2s\n');
  });
});

describe('YAML and JSON output', () => {
  it('sorts keys, quotes ambiguous strings and writes multi-line strings as literal blocks', () => {
    const text = toYaml({ b: { y: 'true', x: '80', w: '', v: 'a: b', u: '- x' }, a: [{ k: 1 }, 'plain'], c: 'line1\nline2\n', d: null, e: [] });
    expect(text).toBe("a:\n- k: 1\n- plain\nb:\n  u: '- x'\n  v: 'a: b'\n  w: \"\"\n  x: \"80\"\n  \"y\": \"true\"\nc: |\n  line1\n  line2\nd: null\ne: []\n");
  });
  it('writes JSON as Go does: four-space indent, sorted keys, HTML-safe escapes', () => {
    expect(toJson({ b: '<a&b>', a: [] })).toBe('{\n    "a": [],\n    "b": "\\u003ca\\u0026b\\u003e"\n}\n');
  });
});

describe('tokenizer and flags', () => {
  it('splits like a shell', () => {
    expect(tokenize(`get pods -l 'app in (a, b)' --field-selector="status.phase=Running" a\\ b`)).toEqual({ ok: true, args: ['get', 'pods', '-l', 'app in (a, b)', '--field-selector=status.phase=Running', 'a b'] });
    expect(tokenize(`get 'pods`).ok).toBe(false);
  });
  it('parses flags anywhere, shorthand forms and --', () => {
    const specs = [{ name: 'namespace', short: 'n', type: 'string' as const }, { name: 'all-namespaces', short: 'A', type: 'bool' as const }, { name: 'watch', short: 'w', type: 'bool' as const }];
    const p = parseFlags(['pods', '-nkube-system', '-Aw', 'x', '--', '-n', 'y'], specs);
    expect(p.positional).toEqual(['pods', 'x', '-n', 'y']);
    expect(p.argsLenAtDash).toBe(2);
    expect(p.set.get('namespace')).toBe('kube-system');
    expect(p.set.get('all-namespaces')).toBe(true);
    expect(() => parseFlags(['--nope'], specs)).toThrow(FlagError);
  });
});

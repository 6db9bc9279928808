import { describe, expect, it } from 'vitest';
import { escapeFieldValue, oneTermEqualSelector, parseFieldSelector, unescapeFieldValue } from './fields';

const parse = (s: string) => {
  const r = parseFieldSelector(s);
  if (!r.ok) throw new Error(r.error);
  return r.selector;
};

describe('parseFieldSelector', () => {
  it.each([
    ['', ''],
    ['metadata.name=web', 'metadata.name=web'],
    ['metadata.name==web', 'metadata.name=web'],
    ['status.phase!=Running', 'status.phase!=Running'],
    ['b=2,a=1', 'a=1,b=2'], // terms are sorted as strings before parsing
    ['a=1,,b=2,', 'a=1,b=2'],
    ['a=', 'a='],
    ['a==b\\=c', 'a=b\\=c'],
    ['x=a\\,b', 'x=a\\,b'],
    ['x=a\\\\b', 'x=a\\\\b'],
  ])('parses %j as %j', (input, canonical) => {
    expect(parse(input).toString()).toBe(canonical);
  });

  it('unescapes values and splits on the first operator', () => {
    expect(parse('x=a\\,b\\=c\\\\').requirements).toEqual([{ field: 'x', operator: '=', value: 'a,b=c\\' }]);
    expect(parse('a!=b').requirements).toEqual([{ field: 'a', operator: '!=', value: 'b' }]);
    expect(parse('a==b').requirements).toEqual([{ field: 'a', operator: '=', value: 'b' }]);
  });

  it('matches, reading absent fields as empty', () => {
    const fields = { 'metadata.name': 'web', 'status.phase': 'Running' };
    expect(parse('').matches(fields)).toBe(true);
    expect(parse('').empty).toBe(true);
    expect(parse('metadata.name=web').matches(fields)).toBe(true);
    expect(parse('metadata.name=web,status.phase!=Running').matches(fields)).toBe(false);
    expect(parse('status.phase!=Pending').matches(fields)).toBe(true);
    expect(parse('spec.nodeName=').matches(fields)).toBe(true);
    expect(parse('spec.nodeName!=').matches(fields)).toBe(false);
    expect(oneTermEqualSelector('metadata.name', 'db').matches(fields)).toBe(false);
  });

  it('reports upstream errors', () => {
    expect(parseFieldSelector('a=1,b')).toEqual({ ok: false, error: "invalid selector: 'a=1,b'; can't understand 'b'" });
    expect(parseFieldSelector('status.phase')).toEqual({ ok: false, error: "invalid selector: 'status.phase'; can't understand 'status.phase'" });
    expect(parseFieldSelector('a=b=c')).toEqual({ ok: false, error: 'invalid field selector: unescaped character in value: 61' });
    expect(parseFieldSelector('a=b\\x')).toEqual({ ok: false, error: 'invalid field selector: invalid escape sequence: \\x' });
    expect(parseFieldSelector('a=b\\')).toEqual({ ok: false, error: 'invalid field selector: invalid escape sequence: \\' });
  });

  it('finds the value a selector pins', () => {
    expect(parse('spec.nodeName=n1,status.phase!=Failed').requiresExactMatch('spec.nodeName')).toBe('n1');
    expect(parse('status.phase!=Failed').requiresExactMatch('status.phase')).toBeUndefined();
  });

  it('escapes and unescapes symmetrically', () => {
    const raw = 'a\\b,c=d';
    expect(escapeFieldValue(raw)).toBe('a\\\\b\\,c\\=d');
    expect(unescapeFieldValue(escapeFieldValue(raw))).toEqual({ ok: true, value: raw });
  });
});

import { describe, expect, it } from 'vitest';
import { labelSelectorAsMatcher, parseLabelSelector, selectorFromSet, validateLabelKey, validateLabelValue, validateLabels } from './labels';

const parse = (s: string) => {
  const r = parseLabelSelector(s);
  if (!r.ok) throw new Error(r.error);
  return r.selector;
};
const parseError = (s: string) => {
  const r = parseLabelSelector(s);
  if (r.ok) throw new Error(`expected ${JSON.stringify(s)} to fail, got ${r.selector.toString()}`);
  return r.error;
};

const NAME_PART_REGEX =
  "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LABEL_VALUE_REGEX =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

describe('parseLabelSelector', () => {
  it.each([
    ['', ''],
    ['  ', ''],
    ['x=a', 'x=a'],
    ['x==a', 'x==a'],
    ['x!=a', 'x!=a'],
    ['x = a , y', 'x=a,y'],
    ['z,!y,x', 'x,!y,z'],
    ['x in (b,a,a)', 'x in (a,b)'],
    ['x notin (a)', 'x notin (a)'],
    ['x in (in)', 'x in (in)'],
    ['in in (notin)', 'in in (notin)'],
    ['x in (foo,,baz),y,z notin ()', 'x in (,baz,foo),y,z notin ()'],
    ['x in (,a)', 'x in (,a)'],
    ['x=', 'x='],
    ['x>1', 'x>1'],
    ['x<5', 'x<5'],
    ['example.com/app=web', 'example.com/app=web'],
    ['x=a,x!=b', 'x=a,x!=b'],
  ])('parses %j canonically as %j', (input, canonical) => {
    expect(parse(input).toString()).toBe(canonical);
  });

  it('reports empty for the empty selector only', () => {
    expect(parse('').empty).toBe(true);
    expect(parse('a').empty).toBe(false);
  });

  it('matches as upstream Requirement.Matches does', () => {
    const labels = { app: 'web', tier: 'fe', rank: '3', 'example.com/team': 'a' };
    const cases: Array<[string, boolean]> = [
      ['', true],
      ['app=web', true],
      ['app==db', false],
      ['app!=db', true],
      ['missing!=x', true], // != and notin match when the key is absent
      ['missing notin (x)', true],
      ['missing in (x)', false],
      ['tier in (fe,be)', true],
      ['tier notin (fe)', false],
      ['app', true],
      ['missing', false],
      ['!missing', true],
      ['!app', false],
      ['rank>2', true],
      ['rank>3', false],
      ['rank<4', true],
      ['app>1', false], // not an integer
      ['missing<100', false],
      ['app=web,tier=be', false],
      ['example.com/team=a,app', true],
      ['missing=', false],
    ];
    for (const [sel, want] of cases) expect([sel, parse(sel).matches(labels)]).toEqual([sel, want]);
    expect(parse('app').matches(undefined)).toBe(false);
    expect(parse('!app').matches(null)).toBe(true);
    expect(parse('x=').matches({ x: '' })).toBe(true);
  });

  it('compares big integers exactly for gt/lt', () => {
    expect(parse('n>9007199254740992').matches({ n: '9007199254740993' })).toBe(true);
  });

  it('reports upstream parse errors', () => {
    expect(parseError('x=a,')).toBe("found '', expected: identifier after ','");
    expect(parseError('x=a b')).toBe("found 'b', expected: ',' or 'end of string'");
    expect(parseError('=a')).toBe("found '=', expected: !, identifier, or 'end of string'");
    expect(parseError(',a')).toBe("found ',', expected: !, identifier, or 'end of string'");
    expect(parseError('x y')).toBe("unable to parse requirement: found 'y', expected: in, notin, =, ==, !=, gt, lt");
    expect(parseError('x in a')).toBe("unable to parse requirement: found 'a' expected: '('");
    expect(parseError('x in (a')).toBe("unable to parse requirement: found '', expected: ',' or ')'");
    expect(parseError('x in (a b)')).toBe("unable to parse requirement: found 'b', expected: ',' or ')'");
    expect(parseError('x in (=)')).toBe("unable to parse requirement: found '=', expected: ',', ')' or identifier");
    expect(parseError('x in (a,=)')).toBe("unable to parse requirement: found '=', expected: ',', or identifier");
    expect(parseError('x=(')).toBe("unable to parse requirement: found '(', expected: identifier");
    expect(parseError('!=a')).toBe("found '!=', expected: !, identifier, or 'end of string'");
    expect(parseError('! =a')).toBe("unable to parse requirement: found '=', expected: identifier");
    expect(parseError('!x=a')).toBe("found '=', expected: ',' or 'end of string'");
  });

  it('reports invalid keys and values with upstream validation messages', () => {
    expect(parseError('a@b=c')).toBe(`unable to parse requirement: <nil>: Invalid value: "a@b": ${NAME_PART_REGEX}`);
    expect(parseError('x=a@b')).toBe(`unable to parse requirement: values[0][x]: Invalid value: "a@b": ${LABEL_VALUE_REGEX}`);
    expect(parseError('x>a')).toBe(`unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`);
    expect(parseError('x>-1')).toBe(`unable to parse requirement: values[0][x]: Invalid value: "-1": ${LABEL_VALUE_REGEX}`);
    expect(parseError(`x=${'a'.repeat(64)}`)).toBe(
      `unable to parse requirement: values[0][x]: Invalid value: "${'a'.repeat(64)}": must be no more than 63 characters`,
    );
    expect(parseError('Bad_/x')).toMatch(
      /^unable to parse requirement: <nil>: Invalid value: "Bad_\/x": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '\.', and must start and end with an alphanumeric character \(e\.g\. 'example\.com', regex used for validation is '\[a-z0-9\]/,
    );
    expect(parseError('a/b/c')).toBe(
      "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
    );
    expect(parseError('/a')).toBe('unable to parse requirement: <nil>: Invalid value: "/a": prefix part must be non-empty');
  });

  it('finds the value a selector pins', () => {
    expect(parse('app=web,tier in (fe)').requiresExactMatch('tier')).toBe('fe');
    expect(parse('app=web').requiresExactMatch('app')).toBe('web');
    expect(parse('tier in (a,b)').requiresExactMatch('tier')).toBeUndefined();
    expect(parse('app!=web').requiresExactMatch('app')).toBeUndefined();
  });
});

describe('labelSelectorAsMatcher', () => {
  const ok = (sel: Parameters<typeof labelSelectorAsMatcher>[0]) => {
    const r = labelSelectorAsMatcher(sel);
    if (!r.ok) throw new Error(r.error);
    return r.selector;
  };

  it('treats nil as nothing and empty as everything', () => {
    const none = ok(undefined);
    expect(none.matches({ a: 'b' })).toBe(false);
    expect(none.empty).toBe(false);
    const all = ok({});
    expect(all.matches({})).toBe(true);
    expect(all.empty).toBe(true);
    expect(ok({ matchLabels: {}, matchExpressions: [] }).empty).toBe(true);
  });

  it('combines matchLabels and matchExpressions, sorted by key', () => {
    const sel = ok({
      matchLabels: { tier: 'fe', app: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'dev'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'zone', operator: 'NotIn', values: ['b'] },
        { key: 'owner', operator: 'Exists' },
      ],
    });
    expect(sel.toString()).toBe('app=web,!canary,env in (dev,prod),owner,tier=fe,zone notin (b)');
    expect(sel.matches({ app: 'web', tier: 'fe', env: 'dev', owner: 'x' })).toBe(true);
    expect(sel.matches({ app: 'web', tier: 'fe', env: 'dev', owner: 'x', canary: 'y' })).toBe(false);
    expect(sel.matches({ app: 'web', tier: 'fe', env: 'dev', owner: 'x', zone: 'b' })).toBe(false);
  });

  it('rejects bad operators and values with upstream messages', () => {
    expect(labelSelectorAsMatcher({ matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] })).toEqual({
      ok: false,
      error: '"Gt" is not a valid pod selector operator',
    });
    expect(labelSelectorAsMatcher({ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] })).toEqual({
      ok: false,
      error: "values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty",
    });
    expect(labelSelectorAsMatcher({ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x', 'y'] }] })).toEqual({
      ok: false,
      error: 'values: Invalid value: []string{"x", "y"}: values set must be empty for exists and does not exist',
    });
    expect(labelSelectorAsMatcher({ matchLabels: { 'a b': 'c' } })).toEqual({ ok: false, error: `key: Invalid value: "a b": ${NAME_PART_REGEX}` });
    // Several problems in one requirement aggregate as a bracketed list.
    expect(labelSelectorAsMatcher({ matchExpressions: [{ key: '-a', operator: 'In', values: ['ok', 'not ok'] }] })).toEqual({
      ok: false,
      error: `[key: Invalid value: "-a": ${NAME_PART_REGEX}, values[1][-a]: Invalid value: "not ok": ${LABEL_VALUE_REGEX}]`,
    });
  });
});

describe('selectorFromSet', () => {
  it('selects exactly the given labels', () => {
    const sel = selectorFromSet({ b: '2', a: '1' });
    expect(sel.toString()).toBe('a=1,b=2');
    expect(sel.matches({ a: '1', b: '2', c: '3' })).toBe(true);
    expect(sel.matches({ a: '1' })).toBe(false);
    expect(selectorFromSet({}).empty).toBe(true);
  });
});

describe('label validation', () => {
  it('validates keys and values as IsQualifiedName and IsValidLabelValue', () => {
    expect(validateLabelKey('app.kubernetes.io/name')).toEqual([]);
    expect(validateLabelKey('')).toEqual(['name part must be non-empty', NAME_PART_REGEX]);
    expect(validateLabelKey('a'.repeat(64))).toEqual(['name part must be no more than 63 characters']);
    expect(validateLabelValue('')).toEqual([]);
    expect(validateLabelValue('-x')).toEqual([LABEL_VALUE_REGEX]);
  });

  it('builds field errors for metadata.labels', () => {
    expect(validateLabels({ ok: 'fine', 'bad key': 'v', k: 'bad value' })).toEqual([
      { type: 'FieldValueInvalid', field: 'metadata.labels', detail: `Invalid value: "bad key": ${NAME_PART_REGEX}` },
      { type: 'FieldValueInvalid', field: 'metadata.labels', detail: `Invalid value: "bad value": ${LABEL_VALUE_REGEX}` },
    ]);
  });
});

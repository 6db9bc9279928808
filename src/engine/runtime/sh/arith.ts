/** $(( )) arithmetic: integers, the C operators shells support, and variable reads and assignments. */

export class ArithError extends Error {}

type Vars = { get(name: string): string | undefined; set(name: string, value: string): void };

const TOKEN = /\s*(0x[0-9a-fA-F]+|\d+|[A-Za-z_][A-Za-z0-9_]*|\+\+|--|<<=|>>=|\*\*|<=|>=|==|!=|&&|\|\||<<|>>|[+\-*/%]=|[&|^]=|[-+*/%()<>!~&|^=?:,])/y;

export function evalArith(expr: string, vars: Vars): number {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < expr.length) {
    if (/^\s*$/.test(expr.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(expr);
    if (!m) throw new ArithError(`arithmetic syntax error`);
    tokens.push(m[1]);
    pos = TOKEN.lastIndex;
  }
  let i = 0;
  const peek = () => tokens[i];
  const take = () => tokens[i++];
  const isName = (t: string | undefined) => t !== undefined && /^[A-Za-z_]/.test(t);
  const num = (s: string | undefined): number => {
    if (s === undefined || s === '') return 0;
    const v = /^0x/i.test(s) ? parseInt(s, 16) : Number(s.trim());
    if (!Number.isFinite(v)) throw new ArithError(`arithmetic syntax error`);
    return Math.trunc(v);
  };
  const bin: Record<string, [number, (a: number, b: number) => number]> = {
    '||': [1, (a, b) => (a || b ? 1 : 0)],
    '&&': [2, (a, b) => (a && b ? 1 : 0)],
    '|': [3, (a, b) => a | b],
    '^': [4, (a, b) => a ^ b],
    '&': [5, (a, b) => a & b],
    '==': [6, (a, b) => (a === b ? 1 : 0)],
    '!=': [6, (a, b) => (a !== b ? 1 : 0)],
    '<': [7, (a, b) => (a < b ? 1 : 0)],
    '>': [7, (a, b) => (a > b ? 1 : 0)],
    '<=': [7, (a, b) => (a <= b ? 1 : 0)],
    '>=': [7, (a, b) => (a >= b ? 1 : 0)],
    '<<': [8, (a, b) => a << b],
    '>>': [8, (a, b) => a >> b],
    '+': [9, (a, b) => a + b],
    '-': [9, (a, b) => a - b],
    '*': [10, (a, b) => a * b],
    '/': [10, (a, b) => divide(a, b)],
    '%': [10, (a, b) => (b === 0 ? divide(a, b) : a % b)],
    '**': [11, (a, b) => a ** b],
  };
  function divide(a: number, b: number): number {
    if (b === 0) throw new ArithError('divide by zero');
    return Math.trunc(a / b);
  }
  function primary(): number {
    const t = take();
    if (t === undefined) throw new ArithError('arithmetic syntax error');
    if (t === '(') {
      const v = assignment();
      if (take() !== ')') throw new ArithError('arithmetic syntax error');
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '!') return primary() ? 0 : 1;
    if (t === '~') return ~primary();
    if (t === '++' || t === '--') {
      const name = take();
      if (!isName(name)) throw new ArithError('arithmetic syntax error');
      const v = num(vars.get(name)) + (t === '++' ? 1 : -1);
      vars.set(name, String(v));
      return v;
    }
    if (isName(t)) {
      const v = num(vars.get(t));
      if (peek() === '++' || peek() === '--') {
        vars.set(t, String(v + (take() === '++' ? 1 : -1)));
      }
      return v;
    }
    return num(t);
  }
  function binary(minPrec: number): number {
    let left = primary();
    for (;;) {
      const op = peek();
      const entry = op !== undefined ? bin[op] : undefined;
      if (!entry || entry[0] < minPrec) return left;
      take();
      const right = binary(entry[0] + 1);
      left = entry[1](left, right);
    }
  }
  function ternary(): number {
    const cond = binary(1);
    if (peek() !== '?') return cond;
    take();
    const a = assignment();
    if (take() !== ':') throw new ArithError('arithmetic syntax error');
    const b = assignment();
    return cond ? a : b;
  }
  function assignment(): number {
    const t = peek();
    const op = tokens[i + 1];
    if (isName(t) && op !== undefined && /^([+\-*/%&|^]|<<|>>)?=$/.test(op) && op !== '==') {
      i += 2;
      const rhs = assignment();
      const cur = num(vars.get(t as string));
      const v = op === '=' ? rhs : bin[op.slice(0, -1)][1](cur, rhs);
      vars.set(t as string, String(v));
      return v;
    }
    return ternary();
  }
  if (tokens.length === 0) return 0;
  let v = assignment();
  while (peek() === ',') {
    take();
    v = assignment();
  }
  if (i < tokens.length) throw new ArithError('arithmetic syntax error');
  return v;
}

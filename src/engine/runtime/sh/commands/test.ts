/** test(1) / [ … ]: file, string and integer predicates, with ! -a -o and parentheses. */
import type { ContainerFs } from '../../fs/container-fs';
import { resolvePath } from '../../fs/container-fs';

export class TestError extends Error {}

export function evaluateTest(args: string[], fs: ContainerFs, cwd: string): boolean {
  let i = 0;
  const peek = () => args[i];
  const int = (s: string): number => {
    if (!/^\s*[-+]?\d+\s*$/.test(s)) throw new TestError(`invalid number:${s}`);
    return Number(s);
  };
  const unary = new Set(['-z', '-n', '-e', '-f', '-d', '-s', '-r', '-w', '-x', '-L', '-h', '-b', '-c', '-p', '-S', '-t']);
  const binary = new Set(['=', '==', '!=', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '<', '>']);

  function primary(): boolean {
    const t = args[i++];
    if (t === undefined) throw new TestError('argument expected');
    if (t === '!') return !primary();
    if (t === '(') {
      const v = or();
      if (args[i++] !== ')') throw new TestError("')' expected");
      return v;
    }
    if (binary.has(args[i] ?? '') && i < args.length - 1 + 0) {
      const op = args[i++];
      const rhs = args[i++];
      if (rhs === undefined) throw new TestError('argument expected');
      switch (op) {
        case '=':
        case '==':
          return t === rhs;
        case '!=':
          return t !== rhs;
        case '<':
          return t < rhs;
        case '>':
          return t > rhs;
        case '-eq':
          return int(t) === int(rhs);
        case '-ne':
          return int(t) !== int(rhs);
        case '-lt':
          return int(t) < int(rhs);
        case '-le':
          return int(t) <= int(rhs);
        case '-gt':
          return int(t) > int(rhs);
        default:
          return int(t) >= int(rhs);
      }
    }
    if (unary.has(t) && i < args.length) {
      const arg = args[i++];
      const p = resolvePath(cwd, arg);
      switch (t) {
        case '-z':
          return arg === '';
        case '-n':
          return arg !== '';
        case '-e':
        case '-r':
        case '-w':
          return fs.stat(p) !== undefined;
        case '-x':
          return fs.stat(p) === 'dir';
        case '-f':
          return fs.stat(p) === 'file';
        case '-d':
          return fs.stat(p) === 'dir';
        case '-s':
          return fs.stat(p) === 'file' && fs.readFile(p).length > 0;
        default:
          return false;
      }
    }
    return t !== '';
  }
  function and(): boolean {
    let v = primary();
    while (peek() === '-a') {
      i++;
      const r = primary();
      v = v && r;
    }
    return v;
  }
  function or(): boolean {
    let v = and();
    while (peek() === '-o') {
      i++;
      const r = and();
      v = v || r;
    }
    return v;
  }
  if (args.length === 0) return false;
  const v = or();
  if (i < args.length) throw new TestError(`unexpected operator`);
  return v;
}

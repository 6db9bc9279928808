/** Helpers shared by the utilities. */
import { FsError, resolvePath } from '../../fs/container-fs';
import type { ExecContext } from '../context';

export function err(ctx: ExecContext, text: string): void {
  ctx.stderr.write(`${text}\n`);
}

export function out(ctx: ExecContext, text: string): void {
  ctx.stdout.write(text);
}

export const busybox = (ctx: ExecContext) => ctx.sys.flavor === 'busybox';

/** Splits `-abc` style flags (and `-n 5` / `-n5` values for the letters in `withValue`) from operands. */
export function parseFlags(argv: string[], withValue = ''): { flags: Map<string, string>; operands: string[] } {
  const flags = new Map<string, string>();
  const operands: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      operands.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      flags.set(eq < 0 ? a.slice(2) : a.slice(2, eq), eq < 0 ? '' : a.slice(eq + 1));
      continue;
    }
    if (!a.startsWith('-') || a === '-' || /^-\d/.test(a) && !withValue.includes('n')) {
      operands.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const f = a[j];
      if (withValue.includes(f)) {
        const rest = a.slice(j + 1);
        flags.set(f, rest || argv[++i] || '');
        break;
      }
      flags.set(f, '');
    }
  }
  return { flags, operands };
}

/** Reads a file operand (or stdin for `-`/none); returns undefined after printing the flavour's error. */
export function readInput(
  ctx: ExecContext,
  name: string | undefined,
  cmd: string,
  style: 'cat' | 'head' | 'wc' | 'grep',
): string | undefined {
  if (name === undefined || name === '-') return ctx.stdin;
  try {
    return ctx.sys.fs.readFile(resolvePath(ctx.cwd, name));
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    const why = e.message;
    if (busybox(ctx)) {
      if (style === 'grep') err(ctx, `${cmd}: ${name}: ${why}`);
      else err(ctx, `${cmd}: can't open '${name}': ${why}`);
    } else if (style === 'head') err(ctx, `${cmd}: cannot open '${name}' for reading: ${why}`);
    else err(ctx, `${cmd}: ${name}: ${why}`);
    return undefined;
  }
}

export function lines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

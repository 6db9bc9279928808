/** Process, time and environment utilities. */
import type { Proc } from '../../process';
import type { ExecContext, Program } from '../context';
import { defaultDate, strftime } from '../../time-format';
import { interpretEscapes, printf } from './format';
import { evaluateTest, TestError } from './test';
import { busybox, err, out, parseFlags } from './util';

const BUSYBOX_BANNER = 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.';

/** Parses a duration as sleep(1) does: `5`, `0.5`, `1s`, `2m`, `1h`, `1d`, `infinity`. */
export function parseSleepSeconds(arg: string): number | undefined {
  if (/^(inf|infinity)$/i.test(arg)) return Infinity;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
  if (!m) return undefined;
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]] as number;
  return Number(m[1]) * mult;
}

function* sleep(ctx: ExecContext): Proc {
  const args = ctx.argv.slice(1);
  if (args.length === 0) {
    if (busybox(ctx)) err(ctx, `${BUSYBOX_BANNER}\n\nUsage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays`);
    else err(ctx, "sleep: missing operand\nTry 'sleep --help' for more information.");
    return 1;
  }
  let total = 0;
  for (const a of args) {
    const s = parseSleepSeconds(a);
    if (s === undefined) {
      if (busybox(ctx)) err(ctx, `sleep: invalid number '${a}'`);
      else err(ctx, `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.`);
      return 1;
    }
    total += s;
  }
  if (!Number.isFinite(total)) yield { k: 'block' };
  else yield { k: 'sleep', ms: Math.round(total * 1000) };
  return 0;
}

const date: Program = (ctx) => {
  const now = ctx.sys.epochMs + ctx.sys.proc.now();
  const fmt = ctx.argv.slice(1).find((a) => a.startsWith('+'));
  if (ctx.argv.includes('-I') || ctx.argv.includes('--iso-8601')) {
    out(ctx, `${strftime('%Y-%m-%d', now)}\n`);
  } else if (fmt) out(ctx, `${strftime(fmt.slice(1), now)}\n`);
  else out(ctx, `${defaultDate(now)}\n`);
  return 0;
};

const env: Program = (ctx) => {
  const args = ctx.argv.slice(1);
  const extra: Record<string, string> = {};
  let i = 0;
  for (; i < args.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[i]); i++) {
    const eq = args[i].indexOf('=');
    extra[args[i].slice(0, eq)] = args[i].slice(eq + 1);
  }
  const merged = { ...ctx.env, ...extra };
  if (i < args.length) {
    const exe = ctx.sys.lookup(args[i], merged.PATH);
    if (!exe) {
      err(ctx, busybox(ctx) ? `env: can't execute '${args[i]}': No such file or directory` : `env: '${args[i]}': No such file or directory`);
      return 127;
    }
    return exe.program({ ...ctx, argv: args.slice(i), env: merged });
  }
  for (const [k, v] of Object.entries(merged)) out(ctx, `${k}=${v}\n`);
  return 0;
};

const printenv: Program = (ctx) => {
  const names = ctx.argv.slice(1);
  if (names.length === 0) {
    for (const [k, v] of Object.entries(ctx.env)) out(ctx, `${k}=${v}\n`);
    return 0;
  }
  let status = 0;
  for (const n of names) {
    if (n in ctx.env) out(ctx, `${ctx.env[n]}\n`);
    else status = 1;
  }
  return status;
};

const hostname: Program = (ctx) => {
  if (ctx.argv[1] === '-i') out(ctx, `${ctx.sys.podIP ?? '127.0.0.1'}\n`);
  else out(ctx, `${ctx.sys.hostname}\n`);
  return 0;
};

const echo: Program = (ctx) => {
  let args = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args.length && /^-[neE]+$/.test(args[0])) {
    for (const f of args[0].slice(1)) {
      if (f === 'n') newline = false;
      else escapes = f === 'e';
    }
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes) {
    const r = interpretEscapes(text);
    text = r.text;
    if (r.stop) newline = false;
  }
  out(ctx, newline ? `${text}\n` : text);
  return 0;
};

const printfUtil: Program = (ctx) => {
  if (ctx.argv.length < 2) {
    err(ctx, busybox(ctx) ? `${BUSYBOX_BANNER}\n\nUsage: printf FORMAT [ARG]...` : "printf: missing operand\nTry 'printf --help' for more information.");
    return 1;
  }
  const r = printf(ctx.argv[1], ctx.argv.slice(2));
  out(ctx, r.text);
  for (const b of r.badNumbers) err(ctx, busybox(ctx) ? `printf: invalid number '${b}'` : `printf: '${b}': expected a numeric value`);
  return r.badNumbers.length ? 1 : 0;
};

const test: Program = (ctx) => {
  let args = ctx.argv.slice(1);
  const name = ctx.argv[0].split('/').pop() as string;
  if (name === '[') {
    if (args[args.length - 1] !== ']') {
      err(ctx, busybox(ctx) ? '[: missing ]' : "[: missing ']'");
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evaluateTest(args, ctx.sys.fs, ctx.cwd) ? 0 : 1;
  } catch (e) {
    if (!(e instanceof TestError)) throw e;
    const m = e.message.startsWith('invalid number:') ? `invalid number '${e.message.slice(15)}'` : e.message;
    err(ctx, `${name}: ${m}`);
    return 2;
  }
};

const expr: Program = (ctx) => {
  const a = ctx.argv.slice(1);
  let i = 0;
  const isInt = (s: string) => /^-?\d+$/.test(s);
  const fail = (msg: string): never => {
    throw new Error(msg);
  };
  function primary(): string {
    const t = a[i++];
    if (t === undefined) return fail('syntax error');
    if (t === '(') {
      const v = or();
      if (a[i++] !== ')') fail('syntax error');
      return v;
    }
    if (t === 'length') return String((a[i++] ?? '').length);
    if (t === 'substr') {
      const s = a[i++] ?? '';
      const pos = Number(a[i++]);
      const len = Number(a[i++]);
      return s.substr(pos - 1, len);
    }
    if (t === 'index') {
      const s = a[i++] ?? '';
      const chars = a[i++] ?? '';
      const idx = [...s].findIndex((c) => chars.includes(c));
      return String(idx + 1);
    }
    return t;
  }
  const arith = (l: string, r: string, op: string): string => {
    if (!isInt(l) || !isInt(r)) fail('non-integer argument');
    const x = Number(l);
    const y = Number(r);
    if ((op === '/' || op === '%') && y === 0) fail('division by zero');
    return String(op === '+' ? x + y : op === '-' ? x - y : op === '*' ? x * y : op === '/' ? Math.trunc(x / y) : x % y);
  };
  function mul(): string {
    let l = primary();
    while (['*', '/', '%'].includes(a[i])) {
      const op = a[i++];
      l = arith(l, primary(), op);
    }
    return l;
  }
  function add(): string {
    let l = mul();
    while (a[i] === '+' || a[i] === '-') {
      const op = a[i++];
      l = arith(l, mul(), op);
    }
    return l;
  }
  function cmp(): string {
    let l = add();
    while (['=', '!=', '<', '<=', '>', '>=', '=='].includes(a[i])) {
      const op = a[i++];
      const r = add();
      const c = isInt(l) && isInt(r) ? Number(l) - Number(r) : l < r ? -1 : l > r ? 1 : 0;
      const res = op === '=' || op === '==' ? c === 0 : op === '!=' ? c !== 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
      l = res ? '1' : '0';
    }
    return l;
  }
  function and(): string {
    let l = cmp();
    while (a[i] === '&') {
      i++;
      const r = cmp();
      l = isNull(l) || isNull(r) ? '0' : l;
    }
    return l;
  }
  function or(): string {
    let l = and();
    while (a[i] === '|') {
      i++;
      const r = and();
      l = isNull(l) ? r : l;
    }
    return l;
  }
  const isNull = (s: string) => s === '' || s === '0';
  try {
    const v = or();
    if (i < a.length) fail('syntax error');
    out(ctx, `${v}\n`);
    return isNull(v) ? 1 : 0;
  } catch (e) {
    err(ctx, `expr: ${(e as Error).message}`);
    return 2;
  }
};

const seq: Program = (ctx) => {
  const { flags, operands } = parseFlags(
    ctx.argv.map((x, i) => (i > 0 && /^-\d/.test(x) ? `\u0000${x}` : x)),
    's',
  );
  const nums = operands.map((o) => Number(o.replace('\u0000', '')));
  if (nums.length === 0 || nums.some(Number.isNaN)) {
    err(ctx, busybox(ctx) ? `seq: invalid number '${operands.find((o) => Number.isNaN(Number(o))) ?? ''}'` : "seq: missing operand\nTry 'seq --help' for more information.");
    return 1;
  }
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]] : nums.length === 2 ? [nums[0], 1, nums[1]] : nums;
  const sep = flags.get('s') ?? '\n';
  const width = flags.has('w') ? String(Math.max(Math.abs(first), Math.abs(last))).length : 0;
  const items: string[] = [];
  for (let v = first; step > 0 ? v <= last : v >= last; v += step) {
    items.push(String(v).padStart(width, '0'));
    if (items.length > 100_000) break;
  }
  if (items.length) out(ctx, `${items.join(sep)}\n`);
  return 0;
};

const kill: Program = (ctx) => {
  const pids = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  for (const p of pids) {
    if (p === '1') ctx.sys.proc.signal('SIGTERM', ctx.sys.proc.now());
    else {
      err(ctx, busybox(ctx) ? `kill: can't kill pid ${p}: No such process` : `kill: (${p}) - No such process`);
      return 1;
    }
  }
  return 0;
};

export const systemUtilities: Record<string, Program | ((ctx: ExecContext) => Proc)> = {
  sleep,
  date,
  env,
  printenv,
  hostname,
  echo,
  printf: printfUtil,
  test,
  '[': test,
  expr,
  seq,
  kill,
  true: () => 0,
  false: () => 1,
  pwd: (ctx) => {
    out(ctx, `${ctx.cwd}\n`);
    return 0;
  },
  id: (ctx) => {
    out(ctx, 'uid=0(root) gid=0(root) groups=0(root)\n');
    return 0;
  },
  whoami: (ctx) => {
    out(ctx, 'root\n');
    return 0;
  },
  uname: (ctx) => {
    const { flags } = parseFlags(ctx.argv);
    out(ctx, flags.has('a') ? `Linux ${ctx.sys.hostname} 6.8.0 #1 SMP x86_64 GNU/Linux\n` : flags.has('r') ? '6.8.0\n' : flags.has('m') ? 'x86_64\n' : 'Linux\n');
    return 0;
  },
};

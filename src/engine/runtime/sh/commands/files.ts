/** File utilities, worded as busybox or GNU coreutils word them. */
import type { Proc } from '../../process';
import { FsError, resolvePath } from '../../fs/container-fs';
import type { ExecContext, Program } from '../context';
import { busybox, err, lines, out, parseFlags, readInput } from './util';

const cat: Program = (ctx) => {
  const { operands } = parseFlags(ctx.argv);
  let status = 0;
  for (const f of operands.length ? operands : ['-']) {
    const text = readInput(ctx, f, 'cat', 'cat');
    if (text === undefined) status = 1;
    else out(ctx, text);
  }
  return status;
};

const ls: Program = (ctx) => {
  const { flags, operands } = parseFlags(ctx.argv);
  const long = flags.has('l');
  const all = flags.has('a') || flags.has('A');
  const onePerLine = flags.has('1') || long || true;
  let status = 0;
  const targets = operands.length ? operands : ['.'];
  const fs = ctx.sys.fs;
  targets.forEach((t, idx) => {
    const p = resolvePath(ctx.cwd, t);
    const kind = fs.stat(p);
    if (!kind) {
      err(ctx, busybox(ctx) ? `ls: ${t}: No such file or directory` : `ls: cannot access '${t}': No such file or directory`);
      status = busybox(ctx) ? 1 : 2;
      return;
    }
    const entry = (name: string, path: string) => {
      if (!long) return name;
      const isDir = fs.stat(path) === 'dir';
      const size = isDir ? 4096 : fs.readFile(path).length;
      return `${isDir ? 'drwxr-xr-x' : '-rw-r--r--'}    1 root     root     ${String(size).padStart(8)} Jan  1 00:00 ${name}`;
    };
    if (kind === 'file') {
      out(ctx, `${entry(t, p)}\n`);
      return;
    }
    if (targets.length > 1) out(ctx, `${idx > 0 ? '\n' : ''}${t}:\n`);
    let names = fs.list(p);
    if (all && flags.has('a')) names = ['.', '..', ...names];
    if (!all) names = names.filter((n) => !n.startsWith('.'));
    if (long) out(ctx, `total ${names.length * 4}\n`);
    if (onePerLine) for (const n of names) out(ctx, `${entry(n, resolvePath(p, n))}\n`);
  });
  return status;
};

const touch: Program = (ctx) => {
  const { operands } = parseFlags(ctx.argv);
  let status = 0;
  for (const f of operands) {
    const p = resolvePath(ctx.cwd, f);
    try {
      if (ctx.sys.fs.stat(p) === undefined) ctx.sys.fs.writeFile(p, '');
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      err(ctx, busybox(ctx) ? `touch: ${f}: ${e.message}` : `touch: cannot touch '${f}': ${e.message}`);
      status = 1;
    }
  }
  return status;
};

const mkdir: Program = (ctx) => {
  const { flags, operands } = parseFlags(ctx.argv, 'm');
  let status = 0;
  for (const d of operands) {
    try {
      ctx.sys.fs.mkdir(resolvePath(ctx.cwd, d), flags.has('p'));
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      err(ctx, `mkdir: ${busybox(ctx) ? "can't" : 'cannot'} create directory '${d}': ${e.message}`);
      status = 1;
    }
  }
  return status;
};

const rm: Program = (ctx) => {
  const { flags, operands } = parseFlags(ctx.argv);
  const force = flags.has('f');
  const recursive = flags.has('r') || flags.has('R');
  let status = 0;
  for (const f of operands) {
    const p = resolvePath(ctx.cwd, f);
    const kind = ctx.sys.fs.stat(p);
    if (!kind) {
      if (!force) {
        err(ctx, `rm: ${busybox(ctx) ? "can't" : 'cannot'} remove '${f}': No such file or directory`);
        status = 1;
      }
      continue;
    }
    if (kind === 'dir' && !recursive) {
      err(ctx, busybox(ctx) ? `rm: '${f}' is a directory` : `rm: cannot remove '${f}': Is a directory`);
      status = 1;
      continue;
    }
    try {
      ctx.sys.fs.remove(p, recursive);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      err(ctx, `rm: ${busybox(ctx) ? "can't" : 'cannot'} remove '${f}': ${e.message}`);
      status = 1;
    }
  }
  return status;
};

function count(ctx: ExecContext, argv: string[], defaultN: number): { n: number; fromEnd: boolean; operands: string[]; follow: boolean } {
  // `head -5` is the historical spelling of `head -n 5`.
  const normalized = argv.map((a, i) => (i > 0 && /^-\d+$/.test(a) ? `-n${a.slice(1)}` : a));
  const { flags, operands } = parseFlags(normalized, 'nc');
  const raw = flags.get('n') ?? String(defaultN);
  const fromEnd = raw.startsWith('+');
  return { n: Math.abs(Number(raw.replace(/^[+]/, ''))) || 0, fromEnd, operands, follow: flags.has('f') || flags.has('F') || ctx.argv.includes('--follow') };
}

const head: Program = (ctx) => {
  const { n, operands } = count(ctx, ctx.argv, 10);
  let status = 0;
  for (const f of operands.length ? operands : ['-']) {
    const text = readInput(ctx, f, 'head', 'head');
    if (text === undefined) {
      status = 1;
      continue;
    }
    for (const l of lines(text).slice(0, n)) out(ctx, `${l}\n`);
  }
  return status;
};

function* tail(ctx: ExecContext): Proc {
  const { n, fromEnd, operands, follow } = count(ctx, ctx.argv, 10);
  const files = operands.length ? operands : ['-'];
  const sizes = new Map<string, number>();
  let status = 0;
  for (const f of files) {
    const text = readInput(ctx, f, 'tail', 'head');
    if (text === undefined) {
      status = 1;
      continue;
    }
    const ls = lines(text);
    for (const l of fromEnd ? ls.slice(Math.max(0, n - 1)) : n === 0 ? [] : ls.slice(-n)) out(ctx, `${l}\n`);
    sizes.set(f, text.length);
  }
  if (!follow) return status;
  if (files.every((f) => f === '-' || f === '/dev/null')) {
    yield { k: 'block' };
    return 0;
  }
  // Follow: print whatever is appended, checking once a second as busybox does (GNU tail polls too, without inotify).
  for (;;) {
    yield { k: 'sleep', ms: 1000 };
    for (const f of files) {
      if (f === '-') continue;
      let text: string;
      try {
        text = ctx.sys.fs.readFile(resolvePath(ctx.cwd, f));
      } catch {
        continue;
      }
      const prev = sizes.get(f) ?? 0;
      if (text.length > prev) out(ctx, text.slice(prev));
      sizes.set(f, text.length);
    }
  }
}

const wc: Program = (ctx) => {
  const { flags, operands } = parseFlags(ctx.argv);
  const pick = ['l', 'w', 'c'].filter((f) => flags.has(f) || (f === 'c' && flags.has('m')));
  const cols = pick.length ? pick : ['l', 'w', 'c'];
  let status = 0;
  for (const f of operands.length ? operands : ['-']) {
    const text = readInput(ctx, f, 'wc', 'wc');
    if (text === undefined) {
      status = 1;
      continue;
    }
    const v: Record<string, number> = {
      l: (text.match(/\n/g) ?? []).length,
      w: text.split(/\s+/).filter(Boolean).length,
      c: text.length,
    };
    const nums = cols.map((c) => String(v[c]));
    const width = cols.length === 1 && f === '-' ? 0 : busybox(ctx) ? 9 : 7;
    const row = cols.length === 1 && f === '-' ? nums[0] : nums.map((x) => x.padStart(width)).join(' ');
    out(ctx, `${row}${f === '-' ? '' : ` ${f}`}\n`);
  }
  return status;
};

const grep: Program = (ctx) => {
  const { flags, operands } = parseFlags(ctx.argv, 'em');
  const pattern = flags.get('e') ?? operands.shift();
  if (pattern === undefined) {
    err(ctx, busybox(ctx) ? 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...' : "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.");
    return 2;
  }
  let src = flags.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : basicToJs(pattern, flags.has('E'));
  if (flags.has('w')) src = `\\b(?:${src})\\b`;
  if (flags.has('x')) src = `^(?:${src})$`;
  const re = new RegExp(src, flags.has('i') ? 'i' : '');
  const files = operands.length ? operands : ['-'];
  let matched = false;
  let error = false;
  for (const f of files) {
    const text = readInput(ctx, f, 'grep', 'grep');
    if (text === undefined) {
      error = true;
      continue;
    }
    let n = 0;
    lines(text).forEach((l, i) => {
      if (re.test(l) === flags.has('v')) return;
      matched = true;
      n++;
      if (flags.has('q') || flags.has('c') || flags.has('l')) return;
      const prefix = (files.length > 1 ? `${f}:` : '') + (flags.has('n') ? `${i + 1}:` : '');
      out(ctx, `${prefix}${flags.has('o') ? (l.match(re)?.[0] ?? '') : l}\n`);
    });
    if (flags.has('c')) out(ctx, `${files.length > 1 ? `${f}:` : ''}${n}\n`);
    if (flags.has('l') && n > 0) out(ctx, `${f}\n`);
  }
  if (flags.has('q') && matched) return 0;
  return error ? 2 : matched ? 0 : 1;
};

/** POSIX basic regular expressions to JS: \( \) \{ \} \| are the grouping operators, bare ones are literal. */
function basicToJs(p: string, extended: boolean): string {
  if (extended) return p;
  let r = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\' && i + 1 < p.length) {
      const n = p[++i];
      r += '(){}|+?'.includes(n) ? n : `\\${n}`;
    } else if ('(){}|+?'.includes(c)) r += `\\${c}`;
    else r += c;
  }
  return r;
}

const tee: Program = (ctx) => {
  const { flags, operands } = parseFlags(ctx.argv);
  let status = 0;
  for (const f of operands) {
    try {
      ctx.sys.fs.writeFile(resolvePath(ctx.cwd, f), ctx.stdin, flags.has('a'));
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      err(ctx, `tee: ${f}: ${e.message}`);
      status = 1;
    }
  }
  out(ctx, ctx.stdin);
  return status;
};

const sort: Program = (ctx) => {
  const { flags, operands } = parseFlags(ctx.argv);
  const all: string[] = [];
  for (const f of operands.length ? operands : ['-']) {
    const text = readInput(ctx, f, 'sort', 'cat');
    if (text === undefined) return 2;
    all.push(...lines(text));
  }
  let sorted = flags.has('n') ? all.sort((a, b) => parseFloat(a) - parseFloat(b) || (a < b ? -1 : a > b ? 1 : 0)) : all.sort();
  if (flags.has('r')) sorted = sorted.reverse();
  if (flags.has('u')) sorted = sorted.filter((l, i) => i === 0 || l !== sorted[i - 1]);
  for (const l of sorted) out(ctx, `${l}\n`);
  return 0;
};

const uniq: Program = (ctx) => {
  const { flags } = parseFlags(ctx.argv);
  const ls = lines(ctx.stdin);
  let i = 0;
  while (i < ls.length) {
    let j = i;
    while (j + 1 < ls.length && ls[j + 1] === ls[i]) j++;
    const n = j - i + 1;
    if (!(flags.has('d') && n === 1) && !(flags.has('u') && n > 1)) out(ctx, flags.has('c') ? `${String(n).padStart(7)} ${ls[i]}\n` : `${ls[i]}\n`);
    i = j + 1;
  }
  return 0;
};

const tr: Program = (ctx) => {
  const { flags, operands } = parseFlags(ctx.argv);
  const expand = (s: string) => s.replace(/\[:upper:\]/g, 'A-Z').replace(/\[:lower:\]/g, 'a-z').replace(/\\n/g, '\n').replace(/(.)-(.)/g, (_m, a: string, b: string) => {
    let r = '';
    for (let c = a.charCodeAt(0); c <= b.charCodeAt(0); c++) r += String.fromCharCode(c);
    return r;
  });
  const set1 = expand(operands[0] ?? '');
  const set2 = expand(operands[1] ?? '');
  let text = ctx.stdin;
  if (flags.has('d')) text = [...text].filter((c) => !set1.includes(c)).join('');
  else text = [...text].map((c) => (set1.includes(c) ? (set2[Math.min(set1.indexOf(c), set2.length - 1)] ?? c) : c)).join('');
  if (flags.has('s')) text = text.replace(new RegExp(`([${set2 || set1}])\\1+`, 'g'), '$1');
  out(ctx, text);
  return 0;
};

const cut: Program = (ctx) => {
  const { flags, operands } = parseFlags(ctx.argv, 'dfc');
  const delim = flags.get('d') ?? '\t';
  const spec = flags.get('f') ?? flags.get('c') ?? '1';
  const picks = spec.split(',').flatMap((r) => {
    const [a, b] = r.split('-');
    const from = Number(a || 1);
    const to = r.includes('-') ? (b ? Number(b) : 1e6) : from;
    const res: number[] = [];
    for (let k = from; k <= Math.min(to, 1000); k++) res.push(k);
    return res;
  });
  const text = readInput(ctx, operands[0], 'cut', 'cat');
  if (text === undefined) return 1;
  for (const l of lines(text)) {
    if (flags.has('c')) out(ctx, `${picks.map((k) => l[k - 1] ?? '').join('')}\n`);
    else {
      const parts = l.split(delim);
      out(ctx, `${parts.length === 1 ? l : picks.filter((k) => k <= parts.length).map((k) => parts[k - 1]).join(delim)}\n`);
    }
  }
  return 0;
};

const basename: Program = (ctx) => {
  const [p = '', suffix] = ctx.argv.slice(1);
  let b = p.replace(/\/+$/, '').split('/').pop() || '/';
  if (suffix && b.endsWith(suffix) && b !== suffix) b = b.slice(0, -suffix.length);
  out(ctx, `${b}\n`);
  return 0;
};

const dirname: Program = (ctx) => {
  const p = (ctx.argv[1] ?? '').replace(/\/+$/, '');
  const i = p.lastIndexOf('/');
  out(ctx, `${i < 0 ? '.' : i === 0 ? '/' : p.slice(0, i)}\n`);
  return 0;
};

export const fileUtilities: Record<string, Program> = {
  cat,
  ls,
  touch,
  mkdir,
  rm,
  head,
  tail,
  wc,
  grep,
  tee,
  sort,
  uniq,
  tr,
  cut,
  basename,
  dirname,
};

/**
 * Executes the sh syntax tree on virtual time. Every execution function is a generator, so `sleep 5` inside a
 * loop inside a command substitution suspends the whole chain until the clock reaches it, and a
 * `while true; do …; sleep 1; done` runs forever in constant memory.
 */
import type { AndOr, Command, Pipeline, Redir, Script, Word } from './ast';
import { evalArith, ArithError } from './arith';
import { runProgram, type ExecContext, type System } from './context';
import { diagPrefix, notFoundMessage, redirectError, type DialectInfo } from './dialect';
import { globMatch, globToRegexSource, hasGlobChars } from './pattern';
import { ExitSignal, type Proc, type Signal, type Sink } from '../process';
import { FsError, resolvePath } from '../fs/container-fs';
import { builtins } from './builtins';
import { parseScript } from './parser';

export class BreakSignal {
  constructor(public levels: number) {}
}
export class ContinueSignal {
  constructor(public levels: number) {}
}
export class ReturnSignal {
  constructor(readonly code: number) {}
}

export interface Io {
  stdin: string;
  stdout: Sink;
  stderr: Sink;
}

/** Collects output in memory (pipes, command substitution). */
export class BufferSink implements Sink {
  text = '';
  write(t: string): void {
    this.text += t;
  }
}

/** A field being built during expansion: its text, plus which characters came from quotes. */
interface Field {
  text: string;
  quoted: boolean[];
  /** True once any quoted part contributed, so "" still yields an (empty) field. */
  hadQuotes: boolean;
}

/** Busy loops give up the CPU this often, so a loop without sleep still advances virtual time. */
const OPS_PER_MS = 1000;

export class Shell {
  vars = new Map<string, string>();
  exported = new Set<string>();
  readonly readonlyVars = new Set<string>();
  funcs = new Map<string, Command>();
  traps = new Map<string, string>();
  positional: string[] = [];
  status = 0;
  cwd: string;
  lastBackground?: number;
  /** Current line, for dash's and bash's `sh: 1:` prefixes. */
  line = 1;
  /** Set while a foreground external program runs: signals then wait for it to finish, as in real shells. */
  inExternal = 0;
  /**
   * `sh -c 'cmd args'` with a single command: real shells exec it, so it becomes PID 1 and gets the signals.
   */
  execSingle = false;
  pendingSignals: Signal[] = [];
  /** `set -e`, `set -u`, `set -x`. */
  options = new Set<string>();
  private condDepth = 0;
  /** Status of the last command substitution in the command being expanded (`x=$(false)` sets $? to 1). */
  private subStatus?: number;
  private ops = 0;
  private opsAt = -1;

  constructor(
    readonly sys: System,
    readonly dialect: DialectInfo,
    env: Record<string, string>,
    cwd: string,
    public arg0: string,
  ) {
    this.cwd = cwd;
    for (const [k, v] of Object.entries(env)) {
      this.vars.set(k, v);
      this.exported.add(k);
    }
    if (!this.vars.has('PWD')) this.vars.set('PWD', cwd);
    if (!this.vars.has('IFS')) this.vars.set('IFS', ' \t\n');
  }

  /** A copy for `( … )`, `$( … )` and background jobs: changes inside do not leak out. */
  subshell(): Shell {
    const s = new Shell(this.sys, this.dialect, {}, this.cwd, this.arg0);
    s.vars = new Map(this.vars);
    s.exported = new Set(this.exported);
    s.funcs = new Map(this.funcs);
    s.traps = new Map();
    s.positional = [...this.positional];
    s.status = this.status;
    s.line = this.line;
    return s;
  }

  environment(extra: Record<string, string> = {}): Record<string, string> {
    const env: Record<string, string> = {};
    for (const k of this.exported) {
      const v = this.vars.get(k);
      if (v !== undefined) env[k] = v;
    }
    return { ...env, ...extra };
  }

  diag(io: Io, text: string): void {
    io.stderr.write(`${diagPrefix(this.dialect, this.line)}${text}\n`);
  }

  /** Charges one unit of CPU; every OPS_PER_MS units the loop yields a millisecond of virtual time. */
  private *tick(): Generator<{ k: 'sleep'; ms: number; busy: true }, void, void> {
    const now = this.sys.proc.now();
    if (now !== this.opsAt) {
      this.opsAt = now;
      this.ops = 0;
    }
    if (++this.ops >= OPS_PER_MS) yield { k: 'sleep', ms: 1, busy: true };
  }

  *run(script: Script, io: Io): Proc {
    for (const item of script.items) {
      if (item.background) {
        const sub = this.subshell();
        this.lastBackground = this.sys.proc.spawn(sub.runBackground(item, io));
        this.status = 0;
      } else {
        yield* this.andOr(item, io);
        const exempt = this.condDepth > 0 || item.rest.length > 0 || item.first.negate;
        if (this.options.has('e') && this.status !== 0 && !exempt) throw new ExitSignal(this.status);
      }
      yield* this.runPendingTraps(io);
    }
    return this.status;
  }

  private *runBackground(item: AndOr, io: Io): Proc {
    try {
      return yield* this.andOr(item, io);
    } catch (e) {
      if (e instanceof ExitSignal) return e.code;
      throw e;
    }
  }

  *runPendingTraps(io: Io): Proc {
    while (this.pendingSignals.length > 0) {
      const sig = this.pendingSignals.shift() as Signal;
      yield* this.runTrap(sig, io);
    }
    return this.status;
  }

  /** Runs the trap action for a signal; `exit` inside it ends the process. */
  *runTrap(sig: Signal | 'EXIT', io: Io): Proc {
    const action = this.traps.get(sig);
    if (!action) return this.status;
    const saved = this.status;
    yield* this.run(parseScript(action), io);
    this.status = saved;
    return saved;
  }

  private *andOr(item: AndOr, io: Io): Proc {
    let status = yield* this.pipeline(item.first, io);
    for (const { op, pipeline } of item.rest) {
      if ((op === '&&') === (status === 0)) status = yield* this.pipeline(pipeline, io);
    }
    return status;
  }

  private *pipeline(p: Pipeline, io: Io): Proc {
    let stdin = io.stdin;
    let status = 0;
    for (let i = 0; i < p.commands.length; i++) {
      const last = i === p.commands.length - 1;
      const out = last ? io.stdout : new BufferSink();
      // Each stage of a real pipeline runs in a subshell; only a lone command runs in this shell.
      const sh = p.commands.length > 1 ? this.subshell() : this;
      try {
        status = yield* sh.command(p.commands[i], { stdin, stdout: out, stderr: io.stderr });
      } catch (e) {
        if (!(e instanceof ExitSignal) || p.commands.length === 1) throw e;
        status = e.code;
      }
      if (!last) stdin = (out as BufferSink).text;
    }
    if (p.negate) status = status === 0 ? 1 : 0;
    this.status = status;
    return status;
  }

  *command(c: Command, io: Io): Proc {
    switch (c.t) {
      case 'simple':
        return yield* this.simple(c, io);
      case 'func':
        this.funcs.set(c.name, c.body);
        return (this.status = 0);
    }
    const rio = yield* this.redirect(c.redirs, io);
    if (!rio) return (this.status = 1);
    switch (c.t) {
      case 'group':
        if (!c.subshell) return yield* this.run(c.body, rio);
        try {
          return (this.status = yield* this.subshell().run(c.body, rio));
        } catch (e) {
          if (e instanceof ExitSignal) return (this.status = e.code);
          throw e;
        }
      case 'if': {
        for (const clause of c.clauses) {
          if ((yield* this.condition(clause.cond, rio)) === 0) return yield* this.run(clause.body, rio);
        }
        if (c.orElse) return yield* this.run(c.orElse, rio);
        return (this.status = 0);
      }
      case 'loop':
        return yield* this.loop(c, rio);
      case 'for': {
        let items: string[];
        if (c.items) {
          items = [];
          for (const w of c.items) items.push(...(yield* this.expandWord(w, rio)));
        } else items = [...this.positional];
        let status = 0;
        for (const v of items) {
          this.vars.set(c.name, v);
          yield* this.tick();
          const r = yield* this.loopBody(c.body, rio);
          status = this.status;
          if (r === 'break') break;
        }
        return (this.status = status);
      }
      case 'case': {
        const subject = (yield* this.expandWord(c.word, rio, false)).join('');
        for (const arm of c.arms) {
          for (const pat of arm.patterns) {
            const f = yield* this.expandToField(pat, rio);
            if (globMatch(f.text, subject, f.quoted)) return yield* this.run(arm.body, rio);
          }
        }
        return (this.status = 0);
      }
    }
  }

  /** Runs an if/while condition, where a failure is an answer rather than an error (exempt from set -e). */
  private *condition(script: Script, io: Io): Proc {
    this.condDepth++;
    try {
      return yield* this.run(script, io);
    } finally {
      this.condDepth--;
    }
  }

  private *loop(c: Extract<Command, { t: 'loop' }>, io: Io): Proc {
    let status = 0;
    for (;;) {
      yield* this.tick();
      const cond = yield* this.condition(c.cond, io);
      if ((cond === 0) === c.until) break;
      const r = yield* this.loopBody(c.body, io);
      status = this.status;
      if (r === 'break') break;
    }
    return (this.status = status);
  }

  private *loopBody(body: Script, io: Io): Generator<import('../process').Effect, 'break' | 'next', void> {
    try {
      yield* this.run(body, io);
    } catch (e) {
      if (e instanceof BreakSignal) {
        if (--e.levels > 0) throw e;
        return 'break';
      }
      if (e instanceof ContinueSignal) {
        if (--e.levels > 0) throw e;
        return 'next';
      }
      throw e;
    }
    return 'next';
  }

  private *simple(c: Extract<Command, { t: 'simple' }>, io: Io): Proc {
    this.line = c.line;
    yield* this.tick();
    this.subStatus = undefined;
    const argv: string[] = [];
    for (const w of c.words) argv.push(...(yield* this.expandWord(w, io)));
    const assigns: Record<string, string> = {};
    for (const a of c.assigns) assigns[a.name] = (yield* this.expandWord(a.value, io, false)).join('');
    const subStatus = this.subStatus ?? 0;
    const rio = yield* this.redirect(c.redirs, io);
    if (!rio) return (this.status = 1);
    if (argv.length === 0) {
      for (const [k, v] of Object.entries(assigns)) this.setVar(k, v);
      return (this.status = subStatus);
    }
    if (this.options.has('x')) rio.stderr.write(`+ ${argv.join(' ')}\n`);
    const name = argv[0];
    const fn = this.funcs.get(name);
    if (fn) return (this.status = yield* this.callFunction(fn, argv, rio));
    const builtin = builtins[name];
    if (builtin) {
      const saved = new Map<string, string | undefined>();
      for (const [k, v] of Object.entries(assigns)) {
        saved.set(k, this.vars.get(k));
        this.vars.set(k, v);
      }
      try {
        const r = builtin(this, argv, rio);
        this.status = typeof r === 'number' ? r : yield* r;
      } finally {
        for (const [k, v] of saved) {
          if (v === undefined) this.vars.delete(k);
          else this.vars.set(k, v);
        }
      }
      return this.status;
    }
    return (this.status = yield* this.external(argv, assigns, rio, false));
  }

  /** Runs a program from the image; `exec` runs it in place of the shell (PID 1 stays the same process). */
  *external(argv: string[], assigns: Record<string, string>, io: Io, isExec: boolean): Proc {
    const name = argv[0];
    const exe = this.sys.lookup(name, this.vars.get('PATH'));
    if (!exe) {
      if (name.includes('/')) {
        const msg = this.dialect.dialect === 'bash' ? `${name}: No such file or directory` : `${name}: not found`;
        this.diag(io, msg);
      } else io.stderr.write(`${notFoundMessage(this.dialect, this.line, name)}\n`);
      return 127;
    }
    const ctx: ExecContext = {
      argv,
      env: this.environment(assigns),
      cwd: this.cwd,
      stdin: io.stdin,
      stdout: io.stdout,
      stderr: io.stderr,
      sys: this.sys,
      init: isExec || this.execSingle,
    };
    if (this.execSingle) isExec = true;
    this.inExternal++;
    try {
      return yield* runProgram(exe.program, ctx);
    } catch (e) {
      // A program ending itself (a server shutting down) ends only that program, unless it replaced the shell.
      if (e instanceof ExitSignal && !isExec) return e.code;
      throw e;
    } finally {
      this.inExternal--;
    }
  }

  private *callFunction(fn: Command, argv: string[], io: Io): Proc {
    const saved = this.positional;
    this.positional = argv.slice(1);
    try {
      return yield* this.command(fn, io);
    } catch (e) {
      if (e instanceof ReturnSignal) return e.code;
      throw e;
    } finally {
      this.positional = saved;
    }
  }

  setVar(name: string, value: string): void {
    this.vars.set(name, value);
    if (this.exported.has(name) && name === 'PWD') this.cwd = value;
  }

  // ---- redirections ----

  private *redirect(redirs: Redir[], io: Io): Generator<import('../process').Effect, Io | undefined, void> {
    if (redirs.length === 0) return io;
    const fds: Record<number, Sink> = { 1: io.stdout, 2: io.stderr };
    let stdin = io.stdin;
    for (const r of redirs) {
      if (r.op === '<<' || r.op === '<<-') {
        stdin = r.heredoc ? (yield* this.expandWord(r.heredoc, io, false)).join('') : '';
        continue;
      }
      const target = (yield* this.expandWord(r.target, io, false)).join('');
      if (r.op === '>&' || r.op === '<&') {
        if (/^\d+$/.test(target)) {
          const src = Number(target);
          if (r.op === '>&') fds[r.fd] = fds[src] ?? fds[1];
          continue;
        }
        if (target === '-') continue;
      }
      const path = resolvePath(this.cwd, target);
      if (r.op === '<') {
        try {
          stdin = this.sys.fs.readFile(path);
        } catch (e) {
          if (!(e instanceof FsError)) throw e;
          io.stderr.write(`${redirectError(this.dialect, this.line, target, false, e.errno)}\n`);
          return undefined;
        }
        continue;
      }
      if (path === '/dev/stdout' || path === '/dev/stderr') {
        const s = path === '/dev/stdout' ? fds[1] : fds[2];
        if (r.op === '&>') fds[1] = fds[2] = s;
        else fds[r.fd] = s;
        continue;
      }
      const append = r.op === '>>';
      try {
        this.sys.fs.writeFile(path, '', append);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        io.stderr.write(`${redirectError(this.dialect, this.line, target, true, e.errno)}\n`);
        return undefined;
      }
      const sink: Sink = { write: (t) => this.sys.fs.writeFile(path, t, true) };
      if (r.op === '&>' || (r.op === '>&' && !/^\d+$/.test(target))) fds[1] = fds[2] = sink;
      else fds[r.fd] = sink;
    }
    return { stdin, stdout: fds[1], stderr: fds[2] };
  }

  // ---- expansion ----

  /** Expands a word to fields: parameter, command and arithmetic expansion, field splitting, pathnames. */
  *expandWord(w: Word, io: Io, split = true): Generator<import('../process').Effect, string[], void> {
    const fields: Field[] = [{ text: '', quoted: [], hadQuotes: false }];
    const cur = () => fields[fields.length - 1];
    const addText = (t: string, quoted: boolean) => {
      const f = cur();
      f.text += t;
      for (let i = 0; i < t.length; i++) f.quoted.push(quoted);
      if (quoted) f.hadQuotes = true;
    };
    const addExpansion = (t: string, quoted: boolean) => {
      if (quoted || !split) {
        addText(t, true);
        return;
      }
      const ifs = this.vars.get('IFS') ?? ' \t\n';
      if (ifs === '') {
        addText(t, true);
        return;
      }
      const pieces = t.split(new RegExp(`[${ifs.replace(/[\]\\^-]/g, '\\$&')}]+`));
      pieces.forEach((piece, i) => {
        if (i > 0) fields.push({ text: '', quoted: [], hadQuotes: false });
        addText(piece, true);
        // Unquoted expansion results are still subject to globbing.
        const f = cur();
        for (let j = f.quoted.length - piece.length; j < f.quoted.length; j++) f.quoted[j] = false;
      });
    };
    for (const part of w.parts) {
      if (part.t === 'lit') addText(part.v, part.quoted);
      else if (part.t === 'param') {
        if ((part.name === '@' || part.name === '*') && part.quoted && part.name === '@' && !part.op) {
          this.positional.forEach((p, i) => {
            if (i > 0) fields.push({ text: '', quoted: [], hadQuotes: true });
            addText(p, true);
          });
          cur().hadQuotes = true;
          continue;
        }
        const v = yield* this.expandParam(part, io);
        addExpansion(v, part.quoted);
      } else if (part.t === 'cmdsub') {
        const out = yield* this.commandSubstitution(part.body, io);
        addExpansion(out, part.quoted);
      } else {
        const expr = (yield* this.expandWord(part.expr, io, false)).join('');
        let v: number;
        try {
          v = evalArith(expr, { get: (n) => this.vars.get(n), set: (n, val) => this.setVar(n, val) });
        } catch (e) {
          if (!(e instanceof ArithError)) throw e;
          this.diag(io, `arithmetic syntax error`);
          throw new ExitSignal(2);
        }
        addExpansion(String(v), part.quoted);
      }
    }
    const out: string[] = [];
    for (const f of fields) {
      if (f.text === '' && !f.hadQuotes) continue;
      if (split && hasGlobChars(f.text, f.quoted)) {
        const matches = this.glob(f);
        if (matches.length > 0) {
          out.push(...matches);
          continue;
        }
      }
      out.push(f.text);
    }
    if (!split) return [fields.map((f) => f.text).join(' ')];
    return out;
  }

  /** Expands a pattern word, keeping track of quoted characters (they match literally). */
  private *expandToField(w: Word, io: Io): Generator<import('../process').Effect, Field, void> {
    const f: Field = { text: '', quoted: [], hadQuotes: false };
    for (const part of w.parts) {
      let t: string;
      let q = part.quoted;
      if (part.t === 'lit') t = part.v;
      else {
        t = (yield* this.expandWord({ parts: [part], raw: '' }, io, false)).join('');
        q = part.quoted;
      }
      f.text += t;
      for (let i = 0; i < t.length; i++) f.quoted.push(q);
    }
    return f;
  }

  private glob(f: Field): string[] {
    const pattern = f.text;
    const abs = pattern.startsWith('/');
    const segments = pattern.split('/');
    let candidates: string[] = [abs ? '/' : ''];
    let offset = 0;
    for (let si = 0; si < segments.length; si++) {
      const seg = segments[si];
      const mask = f.quoted.slice(offset, offset + seg.length);
      offset += seg.length + 1;
      if (seg === '') continue;
      const next: string[] = [];
      for (const base of candidates) {
        const dirAbs = resolvePath(this.cwd, base || '.');
        if (!hasGlobChars(seg, mask)) {
          const p = base === '' ? seg : base === '/' ? `/${seg}` : `${base}/${seg}`;
          if (this.sys.fs.stat(resolvePath(this.cwd, p))) next.push(p);
          continue;
        }
        let names: string[];
        try {
          names = this.sys.fs.list(dirAbs);
        } catch {
          continue;
        }
        const re = new RegExp(`^${globToRegexSource(seg, mask)}$`);
        for (const n of names) {
          if (n.startsWith('.') && !seg.startsWith('.')) continue;
          if (re.test(n)) next.push(base === '' ? n : base === '/' ? `/${n}` : `${base}/${n}`);
        }
      }
      candidates = next;
    }
    return candidates.filter((c) => c !== '/' && c !== '').sort();
  }

  private *expandParam(
    part: Extract<import('./ast').WordPart, { t: 'param' }>,
    io: Io,
  ): Generator<import('../process').Effect, string, void> {
    const value = this.paramValue(part.name);
    if (part.length) return String((value ?? '').length);
    if (!part.op) {
      if (value === undefined && this.vars.get('-')?.includes('u')) {
        this.diag(io, `${part.name}: parameter not set`);
        throw new ExitSignal(2);
      }
      return value ?? '';
    }
    const arg = noWord(part.arg) ? '' : (yield* this.expandWord(part.arg as Word, io, false)).join('');
    const unset = value === undefined;
    const empty = unset || value === '';
    switch (part.op) {
      case ':-':
        return empty ? arg : (value as string);
      case '-':
        return unset ? arg : (value as string);
      case ':=':
      case '=':
        if (part.op === ':=' ? empty : unset) {
          this.setVar(part.name, arg);
          return arg;
        }
        return value as string;
      case ':+':
        return empty ? '' : arg;
      case '+':
        return unset ? '' : arg;
      case ':?':
      case '?':
        if (part.op === ':?' ? empty : unset) {
          this.diag(io, `${part.name}: ${arg || 'parameter not set'}`);
          throw new ExitSignal(this.dialect.dialect === 'bash' ? 1 : 2);
        }
        return value as string;
      case '#':
      case '##':
      case '%':
      case '%%':
        return trimPattern(value ?? '', arg, part.op);
    }
  }

  paramValue(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.status);
      case '$':
        return '1';
      case '#':
        return String(this.positional.length);
      case '@':
      case '*':
        return this.positional.join(' ');
      case '!':
        return this.lastBackground === undefined ? '' : String(this.lastBackground);
      case '-':
        return '';
      case '0':
        return this.arg0;
    }
    if (/^\d+$/.test(name)) return this.positional[Number(name) - 1];
    return this.vars.get(name);
  }

  private *commandSubstitution(body: Script, io: Io): Generator<import('../process').Effect, string, void> {
    const sub = this.subshell();
    const out = new BufferSink();
    try {
      this.subStatus = yield* sub.run(body, { stdin: '', stdout: out, stderr: io.stderr });
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
      this.subStatus = e.code;
    }
    return out.text.replace(/\n+$/, '');
  }
}

function noWord(w: Word | undefined): boolean {
  return !w || w.parts.length === 0;
}

function trimPattern(value: string, pattern: string, op: '#' | '##' | '%' | '%%'): string {
  const re = globToRegexSource(pattern);
  if (op === '#' || op === '##') {
    // Shortest (#) or longest (##) matching prefix.
    for (let n = op === '#' ? 0 : value.length; op === '#' ? n <= value.length : n >= 0; n += op === '#' ? 1 : -1) {
      if (new RegExp(`^${re}$`).test(value.slice(0, n))) return value.slice(n);
    }
    return value;
  }
  for (let n = op === '%' ? value.length : 0; op === '%' ? n >= 0 : n <= value.length; n += op === '%' ? -1 : 1) {
    if (new RegExp(`^${re}$`).test(value.slice(n))) return value.slice(0, n);
  }
  return value;
}

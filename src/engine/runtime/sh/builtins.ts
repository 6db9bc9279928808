/** Commands the shell runs itself, because they change its state or are built in to every POSIX shell. */
import { ExitSignal, signalNumbers, type Proc, type Signal } from '../process';
import { resolvePath } from '../fs/container-fs';
import type { Io, Shell } from './interpreter';
import { BreakSignal, ContinueSignal, ReturnSignal } from './interpreter';
import { interpretEscapes, printf } from './commands/format';
import { evaluateTest, TestError } from './commands/test';
import { parseScript, ShellSyntaxError } from './parser';
import { syntaxErrorMessage } from './dialect';

export type Builtin = (sh: Shell, argv: string[], io: Io) => Proc | number;

const TRAP_SIGNALS: Record<string, Signal | 'EXIT'> = {
  EXIT: 'EXIT',
  '0': 'EXIT',
  HUP: 'SIGHUP',
  '1': 'SIGHUP',
  INT: 'SIGINT',
  '2': 'SIGINT',
  QUIT: 'SIGQUIT',
  '3': 'SIGQUIT',
  KILL: 'SIGKILL',
  '9': 'SIGKILL',
  USR1: 'SIGUSR1',
  '10': 'SIGUSR1',
  USR2: 'SIGUSR2',
  '12': 'SIGUSR2',
  TERM: 'SIGTERM',
  '15': 'SIGTERM',
};

export function signalByName(name: string): Signal | 'EXIT' | undefined {
  const n = name.toUpperCase().replace(/^SIG/, '');
  return TRAP_SIGNALS[n];
}

function exitStatus(sh: Shell, io: Io, arg: string | undefined, what: string): number {
  if (arg === undefined) return sh.status;
  if (!/^\d+$/.test(arg)) {
    sh.diag(io, sh.dialect.dialect === 'bash' ? `${what}: ${arg}: numeric argument required` : `${what}: Illegal number: ${arg}`);
    return 2;
  }
  return Number(arg) & 255;
}

/** Reports a test(1) error as each shell words it (status 2). */
export function testDiagnostic(sh: Shell, io: Io, name: string, e: TestError): number {
  const msg = e.message;
  if (msg.startsWith('invalid number:')) {
    const arg = msg.slice('invalid number:'.length);
    if (sh.dialect.dialect === 'bash') sh.diag(io, `${name}: ${arg}: integer expression expected`);
    else if (sh.dialect.dialect === 'dash') sh.diag(io, `${name}: Illegal number: ${arg}`);
    else sh.diag(io, `${name}: invalid number '${arg}'`);
  } else sh.diag(io, `${name}: ${msg}`);
  return 2;
}

const echo: Builtin = (sh, argv, io) => {
  let args = argv.slice(1);
  let newline = true;
  // dash's echo takes only -n and always interprets escapes; ash's and bash's take -n -e -E.
  let escapes = sh.dialect.dialect === 'dash';
  while (args.length > 0 && /^-[neE]+$/.test(args[0])) {
    const flags = args[0].slice(1);
    if (sh.dialect.dialect === 'dash' && flags !== 'n') break;
    for (const f of flags) {
      if (f === 'n') newline = false;
      else if (f === 'e') escapes = true;
      else escapes = false;
    }
    args = args.slice(1);
  }
  let text = args.join(' ');
  if (escapes) {
    const r = interpretEscapes(text);
    text = r.text;
    if (r.stop) newline = false;
  }
  io.stdout.write(newline ? `${text}\n` : text);
  return 0;
};

const printfBuiltin: Builtin = (sh, argv, io) => {
  if (argv.length < 2) {
    sh.diag(io, sh.dialect.dialect === 'bash' ? 'printf: usage: printf [-v var] format [arguments]' : 'printf: usage: printf format [arg ...]');
    return 2;
  }
  const r = printf(argv[1], argv.slice(2));
  io.stdout.write(r.text);
  for (const b of r.badNumbers) sh.diag(io, `printf: ${b}: invalid number`);
  return r.badNumbers.length ? 1 : 0;
};

const test: Builtin = (sh, argv, io) => {
  let args = argv.slice(1);
  if (argv[0] === '[') {
    if (args[args.length - 1] !== ']') {
      sh.diag(io, sh.dialect.dialect === 'bash' ? "[: missing `]'" : '[: missing ]');
      return 2;
    }
    args = args.slice(0, -1);
  }
  try {
    return evaluateTest(args, sh.sys.fs, sh.cwd) ? 0 : 1;
  } catch (e) {
    if (e instanceof TestError) return testDiagnostic(sh, io, argv[0], e);
    throw e;
  }
};

const trap: Builtin = (sh, argv, io) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    for (const [sig, action] of sh.traps) io.stdout.write(`trap -- '${action}' ${sig === 'EXIT' ? 'EXIT' : sig.slice(3)}\n`);
    return 0;
  }
  const action = args.length === 1 ? '-' : args[0];
  for (const name of args.length === 1 ? args : args.slice(1)) {
    const sig = signalByName(name);
    if (!sig) {
      sh.diag(io, `trap: ${name}: bad trap`);
      return 1;
    }
    if (action === '-') sh.traps.delete(sig);
    else sh.traps.set(sig, action);
  }
  return 0;
};

function* waitBuiltin(sh: Shell, argv: string[], io: Io): Proc {
  const proc = sh.sys.proc;
  const pids = argv.slice(1).map(Number);
  yield { k: 'wait', pids: pids.length ? pids : undefined };
  yield* sh.runPendingTraps(io);
  if (pids.length === 0) return 0;
  return proc.statusOf(pids[pids.length - 1]) ?? 127;
}

const kill: Builtin = (sh, argv, io) => {
  let args = argv.slice(1);
  let sig: Signal = 'SIGTERM';
  if (args[0] === '-l') {
    io.stdout.write('HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM\n');
    return 0;
  }
  if (args[0] === '-s') {
    const s = signalByName(args[1] ?? '');
    if (!s || s === 'EXIT') return 1;
    sig = s;
    args = args.slice(2);
  } else if (args[0]?.startsWith('-')) {
    const s = signalByName(args[0].slice(1));
    if (!s || s === 'EXIT') {
      sh.diag(io, `kill: bad signal name '${args[0].slice(1)}'`);
      return 1;
    }
    sig = s;
    args = args.slice(1);
  }
  let status = 0;
  for (const a of args) {
    const pid = Number(a);
    if (pid === 1 || pid === 0) sh.sys.proc.signal(sig, sh.sys.proc.now());
    else if (sh.sys.proc.isRunning(pid)) sh.sys.proc.killJob(pid, 128 + signalNumbers[sig]);
    else {
      sh.diag(io, sh.dialect.dialect === 'ash' ? `kill: can't kill pid ${a}: No such process` : `kill: No such process`);
      status = 1;
    }
  }
  return status;
};

function* evalScript(sh: Shell, text: string, io: Io): Proc {
  let script;
  try {
    script = parseScript(text);
  } catch (e) {
    if (!(e instanceof ShellSyntaxError)) throw e;
    for (const l of syntaxErrorMessage(sh.dialect, e.problem, text)) io.stderr.write(`${l}\n`);
    return 2;
  }
  return yield* sh.run(script, io);
}

export const builtins: Record<string, Builtin> = {
  ':': () => 0,
  true: () => 0,
  false: () => 1,
  echo,
  printf: printfBuiltin,
  test,
  '[': test,
  trap,
  wait: waitBuiltin,
  kill,
  exit: (sh, argv, io) => {
    throw new ExitSignal(exitStatus(sh, io, argv[1], 'exit'));
  },
  return: (sh, argv, io) => {
    throw new ReturnSignal(exitStatus(sh, io, argv[1], 'return'));
  },
  break: (_sh, argv) => {
    throw new BreakSignal(Math.max(1, Number(argv[1] ?? 1)));
  },
  continue: (_sh, argv) => {
    throw new ContinueSignal(Math.max(1, Number(argv[1] ?? 1)));
  },
  export: (sh, argv, io) => {
    if (argv.length === 1 || argv[1] === '-p') {
      for (const k of [...sh.exported].sort()) io.stdout.write(`export ${k}='${sh.vars.get(k) ?? ''}'\n`);
      return 0;
    }
    for (const a of argv.slice(1)) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      if (eq >= 0) sh.setVar(name, a.slice(eq + 1));
      sh.exported.add(name);
    }
    return 0;
  },
  readonly: (sh, argv) => {
    for (const a of argv.slice(1)) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      if (eq >= 0) sh.setVar(name, a.slice(eq + 1));
      sh.readonlyVars.add(name);
    }
    return 0;
  },
  local: (sh, argv) => {
    for (const a of argv.slice(1)) {
      const eq = a.indexOf('=');
      if (eq >= 0) sh.setVar(a.slice(0, eq), a.slice(eq + 1));
    }
    return 0;
  },
  unset: (sh, argv) => {
    for (const a of argv.slice(1)) {
      if (a === '-f') continue;
      if (a === '-v') continue;
      sh.vars.delete(a);
      sh.exported.delete(a);
      sh.funcs.delete(a);
    }
    return 0;
  },
  set: (sh, argv, io) => {
    const args = argv.slice(1);
    if (args.length === 0) {
      for (const [k, v] of [...sh.vars].sort()) io.stdout.write(`${k}='${v}'\n`);
      return 0;
    }
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i];
      if (a === '--') {
        i++;
        break;
      }
      if (a === '-o' || a === '+o') {
        const opt = args[++i];
        const letter = opt === 'errexit' ? 'e' : opt === 'nounset' ? 'u' : opt === 'xtrace' ? 'x' : undefined;
        if (letter && a === '-o') sh.options.add(letter);
        else if (letter) sh.options.delete(letter);
        continue;
      }
      if (!/^[-+]/.test(a)) break;
      for (const f of a.slice(1)) {
        if (a[0] === '-') sh.options.add(f);
        else sh.options.delete(f);
      }
    }
    if (i < args.length || args.includes('--')) sh.positional = args.slice(i);
    return 0;
  },
  shift: (sh, argv, io) => {
    const n = Number(argv[1] ?? 1);
    if (n > sh.positional.length) {
      sh.diag(io, sh.dialect.dialect === 'ash' ? `shift: can't shift that many` : `shift: ${n}: shift count out of range`);
      return sh.dialect.dialect === 'bash' ? 1 : 2;
    }
    sh.positional = sh.positional.slice(n);
    return 0;
  },
  cd: (sh, argv, io) => {
    const target = argv[1] ?? sh.vars.get('HOME') ?? '/';
    const path = resolvePath(sh.cwd, target);
    if (sh.sys.fs.stat(path) !== 'dir') {
      if (sh.dialect.dialect === 'bash') sh.diag(io, `cd: ${target}: No such file or directory`);
      else if (sh.dialect.dialect === 'dash') sh.diag(io, `cd: can't cd to ${target}`);
      else sh.diag(io, `cd: can't cd to ${target}: No such file or directory`);
      return sh.dialect.dialect === 'dash' ? 2 : 1;
    }
    sh.cwd = path;
    sh.vars.set('PWD', path);
    return 0;
  },
  pwd: (sh, _argv, io) => {
    io.stdout.write(`${sh.cwd}\n`);
    return 0;
  },
  read: (sh, argv, io) => {
    const names = argv.slice(1).filter((a) => !a.startsWith('-'));
    if (io.stdin === '') return 1;
    const nl = io.stdin.indexOf('\n');
    const line = nl < 0 ? io.stdin : io.stdin.slice(0, nl);
    const fields = line.trim().split(/[ \t]+/);
    const vars = names.length ? names : ['REPLY'];
    vars.forEach((n, i) => sh.setVar(n, i === vars.length - 1 ? fields.slice(i).join(' ') : (fields[i] ?? '')));
    return 0;
  },
  eval: (sh, argv, io) => evalScript(sh, argv.slice(1).join(' '), io),
  '.': (sh, argv, io) => sourceFile(sh, argv, io),
  source: (sh, argv, io) => sourceFile(sh, argv, io),
  exec: (sh, argv, io) => execBuiltin(sh, argv, io),
  command: (sh, argv, io) => {
    if (argv[1] === '-v') {
      const name = argv[2] ?? '';
      if (builtins[name] || sh.funcs.has(name)) io.stdout.write(`${name}\n`);
      else {
        const exe = sh.sys.lookup(name, sh.vars.get('PATH'));
        if (!exe) return 1;
        io.stdout.write(`${exe.path}\n`);
      }
      return 0;
    }
    return sh.external(argv.slice(1), {}, io, false);
  },
  type: (sh, argv, io) => {
    let status = 0;
    for (const name of argv.slice(1)) {
      if (builtins[name]) io.stdout.write(`${name} is a shell builtin\n`);
      else {
        const exe = sh.sys.lookup(name, sh.vars.get('PATH'));
        if (exe) io.stdout.write(`${name} is ${exe.path}\n`);
        else {
          io.stdout.write(`${name}: not found\n`);
          status = 1;
        }
      }
    }
    return status;
  },
};

function* sourceFile(sh: Shell, argv: string[], io: Io): Proc {
  const file = argv[1];
  if (!file) return 0;
  let text: string;
  try {
    text = sh.sys.fs.readFile(resolvePath(sh.cwd, file));
  } catch {
    sh.diag(io, sh.dialect.dialect === 'ash' ? `.: can't open '${file}'` : `${file}: No such file or directory`);
    throw new ExitSignal(sh.dialect.dialect === 'bash' ? 1 : 2);
  }
  return yield* evalScript(sh, text, io);
}

function* execBuiltin(sh: Shell, argv: string[], io: Io): Proc {
  if (argv.length < 2) return 0;
  const code = yield* sh.external(argv.slice(1), {}, io, true);
  throw new ExitSignal(code);
}

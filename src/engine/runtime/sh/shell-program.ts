/** `sh`, `bash`, `ash`, `dash` as programs: option parsing, `-c` scripts, script files, traps for PID 1. */
import { ExitSignal, type Proc } from '../process';
import type { Program } from './context';
import { Shell, type Io } from './interpreter';
import { parseScript, ShellSyntaxError } from './parser';
import { syntaxErrorMessage, type ShellDialect } from './dialect';
import { resolvePath } from '../fs/container-fs';
import type { Script } from './ast';

export function shellProgram(dialect: ShellDialect): Program {
  return (ctx) => runShell(dialect, ctx);
}

function* runShell(dialect: ShellDialect, ctx: Parameters<Program>[0]): Proc {
  const name = ctx.argv[0].split('/').pop() as string;
  const info = { dialect, name };
  const io: Io = { stdin: ctx.stdin, stdout: ctx.stdout, stderr: ctx.stderr };
  const args = ctx.argv.slice(1);
  const options = new Set<string>();
  let command: string | undefined;
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      i++;
      break;
    }
    if (!/^[-+][a-zA-Z]+$/.test(a)) break;
    for (const f of a.slice(1)) {
      if (f === 'c') command = '';
      else if (f === 'o') {
        const opt = args[++i];
        if (opt === 'errexit') options.add('e');
        else if (opt === 'nounset') options.add('u');
        else if (opt === 'xtrace') options.add('x');
        else if (opt === 'pipefail' && dialect === 'dash') {
          ctx.stderr.write(`${name}: 0: Illegal option -o pipefail\n`);
          return 2;
        }
      } else if (f !== 'l' && f !== 'i' && f !== 's') options.add(f);
    }
  }
  let source: string;
  let arg0 = name;
  let positional: string[];
  if (command !== undefined) {
    if (i >= args.length) {
      ctx.stderr.write(dialect === 'bash' ? `${name}: -c: option requires an argument\n` : `${name}: -c requires an argument\n`);
      return 2;
    }
    source = args[i];
    arg0 = args[i + 1] ?? name;
    positional = args.slice(i + 2);
  } else if (i < args.length) {
    const file = args[i];
    try {
      source = ctx.sys.fs.readFile(resolvePath(ctx.cwd, file));
    } catch {
      if (dialect === 'bash') ctx.stderr.write(`${name}: ${file}: No such file or directory\n`);
      else if (dialect === 'dash') ctx.stderr.write(`${name}: 0: cannot open ${file}: No such file\n`);
      else ctx.stderr.write(`${name}: can't open '${file}': No such file or directory\n`);
      return dialect === 'bash' ? 127 : 2;
    }
    arg0 = file;
    positional = args.slice(i + 1);
  } else {
    // No -c and no file: the shell reads commands from stdin, which a container without `stdin: true` lacks.
    source = ctx.stdin;
    positional = [];
  }

  let script: Script;
  try {
    script = parseScript(source);
  } catch (e) {
    if (!(e instanceof ShellSyntaxError)) throw e;
    for (const l of syntaxErrorMessage(info, e.problem, source)) ctx.stderr.write(`${l}\n`);
    return 2;
  }

  const sh = new Shell(ctx.sys, info, ctx.env, ctx.cwd, arg0);
  sh.positional = positional;
  for (const o of options) sh.options.add(o);
  if (ctx.init) {
    sh.execSingle = isSingleCommand(script);
    ctx.sys.proc.setSignalDisposition((sig) => {
      const action = sh.traps.get(sig);
      if (action === undefined || action === '') return 'ignore';
      return {
        handler: function* (): Proc {
          // A trap waits for the foreground program to finish, as in every POSIX shell.
          if (sh.inExternal > 0) {
            sh.pendingSignals.push(sig);
            return 0;
          }
          return yield* sh.runTrap(sig, io);
        },
      };
    });
  }
  let code: number;
  try {
    code = yield* sh.run(script, io);
  } catch (e) {
    if (!(e instanceof ExitSignal)) throw e;
    code = e.code;
  }
  if (sh.traps.has('EXIT')) {
    sh.status = code;
    const action = sh.traps.get('EXIT');
    sh.traps.delete('EXIT');
    try {
      yield* sh.run(parseScript(action as string), io);
    } catch (e) {
      if (!(e instanceof ExitSignal)) throw e;
      code = e.code;
    }
  }
  return code;
}

function isSingleCommand(script: Script): boolean {
  if (script.items.length !== 1) return false;
  const item = script.items[0];
  return !item.background && item.rest.length === 0 && !item.first.negate && item.first.commands.length === 1 && item.first.commands[0].t === 'simple';
}

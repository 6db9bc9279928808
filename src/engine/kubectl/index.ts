/**
 * kubectl inside Pilothouse: a reimplementation of kubectl 1.32's command line and output that talks to the
 * simulated cluster only through an ApiEndpoint, sending the requests the real kubectl sends.
 *
 *   runKubectl('get pods -o wide', { api, registry, nowMs, threeWayPatch })
 */
import type { Command } from './command';
import { GLOBAL_FLAGS } from './command';
import { Env, type KubectlContext, type KubectlResult } from './env';
import { checkErrMessage, KubectlError } from './errors';
import { FlagError, Flags, parseFlags, type FlagSpec } from './flags';
import { helpFor } from './help';
import { tokenize } from './tokenize';
import { COMMANDS } from './commands';

export type { KubectlContext, KubectlResult, KubectlEdit } from './env';
export type { KubectlWatch, WatchChunk } from './watch';
export { applyManifests, collectionPath, objectPath, kindRef } from './apply';
export { parseManifests } from './manifest';

/** Runs one kubectl command line (with or without the leading `kubectl`). */
export function runKubectl(commandLine: string | string[], ctx: KubectlContext): KubectlResult {
  let argv: string[];
  if (typeof commandLine === 'string') {
    const t = tokenize(commandLine);
    if (!t.ok) return { stdout: '', stderr: `error: ${t.error}\n`, exitCode: 1 };
    argv = t.args;
  } else argv = [...commandLine];
  if (argv[0] === 'kubectl') argv = argv.slice(1);
  return execute(argv, ctx);
}

/** Finds the (sub)command the arguments name: the first non-flag words walk the command tree, as cobra does. */
function findCommand(argv: string[]): { command: Command | undefined; path: string[]; rest: string[]; unknown?: string } {
  const path: string[] = [];
  let commands = COMMANDS;
  let current: Command | undefined;
  const rest: string[] = [];
  let i = 0;
  const takesValue = (arg: string, specs: FlagSpec[]) => {
    if (arg.includes('=')) return false;
    const spec = arg.startsWith('--') ? specs.find((s) => s.name === arg.slice(2)) : arg.length === 2 ? specs.find((s) => s.short === arg[1]) : undefined;
    return spec !== undefined && spec.type !== 'bool' && spec.noOptDefault === undefined;
  };
  for (; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') break;
    if (a.startsWith('-') && a !== '-') {
      rest.push(a);
      if (takesValue(a, [...GLOBAL_FLAGS, ...(current?.flags ?? [])]) && i + 1 < argv.length) rest.push(argv[++i]);
      continue;
    }
    const next = commands.find((c) => c.name === a || c.aliases?.includes(a));
    if (!next) {
      if (!current) return { command: undefined, path, rest, unknown: a };
      break;
    }
    current = next;
    path.push(next.name);
    commands = next.subcommands ?? [];
    if (commands.length === 0) {
      i++;
      break;
    }
  }
  return { command: current, path, rest: [...rest, ...argv.slice(i)] };
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

function unknownCommand(name: string): KubectlResult {
  const suggestions = COMMANDS.filter((c) => levenshtein(name.toLowerCase(), c.name) <= 2 || c.name.startsWith(name.toLowerCase())).map((c) => c.name);
  const hint = suggestions.length ? `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}`).join('\n')}\n` : '';
  return { stdout: '', stderr: `error: unknown command "${name}" for "kubectl"${hint}\n`, exitCode: 1 };
}

function execute(argv: string[], ctx: KubectlContext): KubectlResult {
  const found = findCommand(argv);
  if (found.unknown !== undefined) return unknownCommand(found.unknown);
  const command = found.command;
  const commandPath = ['kubectl', ...found.path].join(' ');
  const specs = [...GLOBAL_FLAGS, ...(command?.flags ?? [])];
  let flags: Flags;
  try {
    flags = new Flags(parseFlags(found.rest, specs), specs);
  } catch (e) {
    if (e instanceof FlagError) return { stdout: '', stderr: `error: ${e.message}\nSee '${commandPath} --help' for usage.\n`, exitCode: 1 };
    throw e;
  }
  if (flags.bool('help') || !command || !command.run) {
    const help = helpFor(found.path.join(' '));
    if (!command && flags.positional.length === 0 && !flags.bool('help')) return { stdout: helpFor('') ?? '', stderr: '', exitCode: 0 };
    return { stdout: help ?? `${commandPath}\n\nUsage:\n  ${commandPath} [options]\n`, stderr: '', exitCode: 0 };
  }
  const env = new Env(ctx, flags, commandPath);
  let exitCode = 0;
  try {
    command.run(env);
  } catch (e) {
    if (!(e instanceof KubectlError) || e.message) {
      const msg = checkErrMessage(e);
      env.warn(msg);
    }
    exitCode = e instanceof KubectlError ? e.exitCode : 1;
  }
  return { stdout: env.out.join(''), stderr: env.err.join(''), exitCode, watch: env.watch, edit: env.edit };
}

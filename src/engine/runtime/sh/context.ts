/** The interface between the shell, the utilities and the programs an image ships. */
import type { ContainerFs } from '../fs/container-fs';
import type { RuntimeHost, HttpRequest, HttpResponse } from '../host';
import type { Proc, SimProcess, Sink } from '../process';
import type { Flavor } from './dialect';

/** Serves simulated HTTP on a port the program listens on. */
export type HttpHandler = (req: HttpRequest) => HttpResponse;

export interface PortBinding {
  port: number;
  protocol: 'TCP' | 'UDP';
  /** Present when the program speaks HTTP on it; plain TCP listeners (redis, postgres) have none. */
  http?: HttpHandler;
}

/** The container-wide facilities every program in it shares. */
export interface System {
  proc: SimProcess;
  fs: ContainerFs;
  /** The pod's hostname (its name, or spec.hostname). */
  hostname: string;
  podIP?: string;
  /** Wall-clock instant of virtual time 0, for `date`. */
  epochMs: number;
  host: RuntimeHost;
  /** Busybox applets or GNU coreutils: decides how utilities word their errors. */
  flavor: Flavor;
  /** Finds an executable by name or path, as execve would through $PATH. */
  lookup(nameOrPath: string, path?: string): Executable | undefined;
  /** Binds a port in the pod's network namespace; false when another container already holds it. */
  listen(binding: PortBinding): boolean;
}

export interface ExecContext {
  argv: string[];
  /** Exported environment. */
  env: Record<string, string>;
  cwd: string;
  /** Whatever was piped or redirected in; '' when nothing (containers run without a stdin by default). */
  stdin: string;
  stdout: Sink;
  stderr: Sink;
  sys: System;
  /** True for the container's PID 1, which alone receives the kubelet's stop signal. */
  init?: boolean;
}

/** A program: returns a status at once, or a Proc that runs on virtual time. */
export type Program = (ctx: ExecContext) => Proc | number;

export interface Executable {
  /** Absolute path it was found at. */
  path: string;
  program: Program;
}

/** Runs a Program inside a generator, whether it is synchronous or not. */
export function* runProgram(p: Program, ctx: ExecContext): Proc {
  const r = p(ctx);
  if (typeof r === 'number') return r;
  return yield* r;
}

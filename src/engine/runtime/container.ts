/**
 * Starting a container: Kubernetes command/args over the image's ENTRYPOINT/CMD, environment, working directory,
 * mounts, the executable lookup runc does (and its error text), and the running process the kubelet drives on
 * the virtual clock, asks for logs, probes over HTTP/TCP, execs into and stops.
 */
import type { ImageConfig } from './image/catalog';
import type { RuntimeHost, HttpRequest, HttpResult } from './host';
import { ContainerFs, resolvePath, type Mount } from './fs/container-fs';
import { Volume } from './fs/volume';
import { PodNetwork } from './network';
import { SimProcess, type OutputLine, type ProcessExit, type Signal } from './process';
import type { Executable, PortBinding, Program, System } from './sh/context';
import { runProgram } from './sh/context';

export interface EnvVar {
  name: string;
  value: string;
}

export interface ContainerSpec {
  /** Container name, unique in the pod (owner of its ports in the pod network). */
  name: string;
  /** The pulled image (see resolveImage). */
  image: ImageConfig;
  command?: string[];
  args?: string[];
  /** Resolved environment in declaration order (the kubelet resolves valueFrom and Service variables). */
  env?: EnvVar[];
  workingDir?: string;
  mounts?: Mount[];
  podName: string;
  /** spec.hostname, when set; otherwise the pod name is the hostname. */
  hostname?: string;
  podIP?: string;
  /** Shared by the pod's containers; one is created when omitted. */
  network?: PodNetwork;
  /** Virtual time of the start. */
  startMs: number;
  /** Wall-clock instant of virtual time 0 (Engine.epochMs). */
  epochMs: number;
}

export type StartResult =
  | { ok: true; container: RunningContainer }
  /**
   * The runtime could not start the process: the container terminates at once with exit code 128 and reason
   * StartError (CreateContainerError when no command could be formed at all).
   */
  | { ok: false; reason: 'StartError' | 'CreateContainerError'; exitCode: number; message: string };

export interface ContainerStep {
  output: OutputLine[];
  wakeAtMs?: number;
  exit?: ProcessExit;
}

const RUNC_PREFIX = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: ';

/** Kubernetes' $(VAR) expansion in command, args and env values: `$$(VAR)` escapes, unknown names stay as written. */
export function expandKubernetesVars(s: string, env: Record<string, string>): string {
  return s.replace(/\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)/g, (m, name: string | undefined) => {
    if (m === '$$') return '$';
    return name !== undefined && name in env ? env[name] : m;
  });
}

/** ENTRYPOINT/CMD versus command/args: command replaces ENTRYPOINT and drops CMD; args replace CMD. */
export function effectiveArgv(image: Pick<ImageConfig, 'entrypoint' | 'cmd'>, command?: string[], args?: string[]): string[] {
  if (command && command.length > 0) return [...command, ...(args ?? [])];
  return [...image.entrypoint, ...(args && args.length > 0 ? args : image.cmd)];
}

/** execve's view: binaries by path, $PATH search, and scripts with a #! line in the container's files. */
export function makeLookup(image: ImageConfig, fs: ContainerFs): (nameOrPath: string, path?: string) => Executable | undefined {
  return (name, path) => {
    if (name.includes('/')) {
      const abs = resolvePath('/', name);
      if (abs in image.bin) return { path: abs, program: image.bin[abs] };
      return scriptAt(abs);
    }
    for (const dir of (path ?? image.env.PATH ?? '/usr/bin:/bin').split(':')) {
      const abs = `${dir.replace(/\/$/, '')}/${name}`;
      if (abs in image.bin) return { path: abs, program: image.bin[abs] };
      const script = scriptAt(abs);
      if (script) return script;
    }
    return undefined;
  };

  function scriptAt(abs: string): Executable | undefined {
    if (fs.stat(abs) !== 'file') return undefined;
    const text = fs.readFile(abs);
    const m = /^#!\s*(\S+)(?:\s+(.*))?/.exec(text);
    const program: Program = (ctx) => {
      if (!m) {
        ctx.stderr.write(`exec ${abs}: exec format error\n`);
        return 126;
      }
      const interp: Program | undefined = m[1] in image.bin ? image.bin[m[1]] : undefined;
      const viaEnv = m[1] === '/usr/bin/env' || m[1] === '/bin/env';
      const target = viaEnv ? lookupName(m[2] ?? '') : interp;
      if (!target) {
        ctx.stderr.write(`${viaEnv ? `/usr/bin/env: '${m[2]}'` : `exec ${abs}`}: No such file or directory\n`);
        return 127;
      }
      return runProgram(target, { ...ctx, argv: [viaEnv ? (m[2] as string) : m[1], abs, ...ctx.argv.slice(1)] });
    };
    return { path: abs, program };
  }

  function lookupName(n: string): Program | undefined {
    for (const dir of (image.env.PATH ?? '/usr/bin:/bin').split(':')) if (`${dir}/${n}` in image.bin) return image.bin[`${dir}/${n}`];
    return undefined;
  }
}

function imageRootVolume(image: ImageConfig): Volume {
  const v = Volume.fromFiles(image.files);
  for (const path of Object.keys(image.bin)) {
    // Binaries exist as files, so `ls /bin` and `test -x` see them (their content is irrelevant here).
    if (!(path.slice(1) in image.files)) v.put(path, '\u007fELF');
  }
  for (const d of ['tmp', 'root', 'etc', 'var', 'var/log', 'proc', 'dev', 'home']) v.dirs.add(d);
  return v;
}

export function startContainer(spec: ContainerSpec, host: RuntimeHost = {}): StartResult {
  const image = spec.image;
  const hostname = spec.hostname ?? spec.podName;
  const env: Record<string, string> = { ...image.env, HOSTNAME: hostname };
  for (const e of spec.env ?? []) env[e.name] = expandKubernetesVars(e.value, env);
  if (!('HOME' in env)) env.HOME = '/root';
  const expand = (xs?: string[]) => xs?.map((x) => expandKubernetesVars(x, env));
  const argv = effectiveArgv(image, expand(spec.command), expand(spec.args));
  if (argv.length === 0) {
    return { ok: false, reason: 'CreateContainerError', exitCode: 0, message: 'failed to generate container spec: no command specified' };
  }

  const root = imageRootVolume(image);
  const fs = new ContainerFs(root, spec.mounts ?? []);
  const workingDir = spec.workingDir || image.workingDir || '/';
  if (fs.stat(workingDir) === undefined) fs.mkdir(workingDir, true);
  const lookup = makeLookup(image, fs);

  const exe = lookup(argv[0], env.PATH);
  if (!exe) {
    const why = argv[0].includes('/')
      ? `exec: ${JSON.stringify(argv[0])}: stat ${argv[0]}: no such file or directory`
      : `exec: ${JSON.stringify(argv[0])}: executable file not found in $PATH`;
    return { ok: false, reason: 'StartError', exitCode: 128, message: `${RUNC_PREFIX}${why}: unknown` };
  }
  const container = new RunningContainer(spec, host, fs, lookup, argv, env, workingDir, exe);
  return { ok: true, container };
}

export class RunningContainer {
  readonly image: ImageConfig;
  readonly startedAtMs: number;
  readonly network: PodNetwork;
  private readonly proc: SimProcess;
  private readonly bindings: PortBinding[] = [];
  private pending: OutputLine[] = [];

  constructor(
    readonly spec: ContainerSpec,
    private readonly host: RuntimeHost,
    readonly fs: ContainerFs,
    private readonly lookup: (nameOrPath: string, path?: string) => Executable | undefined,
    readonly argv: string[],
    readonly env: Record<string, string>,
    readonly workingDir: string,
    exe: Executable,
  ) {
    this.image = spec.image;
    this.startedAtMs = spec.startMs;
    this.network = spec.network ?? new PodNetwork();
    this.proc = new SimProcess(spec.startMs, (proc) => {
      const sys = this.system(proc, true);
      return runProgram(exe.program, { argv, env, cwd: workingDir, stdin: '', stdout: proc.stdout, stderr: proc.stderr, sys, init: true });
    });
    this.proc.onExit(() => this.network.release(spec.name));
  }

  private system(proc: SimProcess, main: boolean): System {
    return {
      proc,
      fs: this.fs,
      hostname: this.spec.hostname ?? this.spec.podName,
      podIP: this.spec.podIP,
      epochMs: this.spec.epochMs,
      host: this.host,
      flavor: this.image.shell === 'ash' ? 'busybox' : 'coreutils',
      lookup: this.lookup,
      listen: (b) => {
        if (!this.network.bind(this.spec.name, b)) return false;
        if (main) this.bindings.push(b);
        return true;
      },
    };
  }

  /** Runs the container up to `nowMs`; returns the log lines written since the last call. */
  advance(nowMs: number): ContainerStep {
    const r = this.proc.step(nowMs);
    const output = [...this.pending, ...r.output];
    this.pending = [];
    return { output, wakeAtMs: r.wakeAtMs, exit: r.exit };
  }

  get exit(): ProcessExit | undefined {
    return this.proc.exited;
  }

  /** Sends the image's STOPSIGNAL (nginx: SIGQUIT, postgres: SIGINT, httpd: SIGWINCH), as containerd does. */
  stop(nowMs: number): void {
    this.signal(this.image.stopSignal, nowMs);
  }

  kill(nowMs: number): void {
    this.signal('SIGKILL', nowMs);
  }

  signal(sig: Signal, nowMs: number): void {
    this.catchUp(nowMs);
    this.proc.signal(sig, nowMs);
  }

  /** Ports this container's processes listen on (the pod network says which container owns each). */
  listeningPorts(): PortBinding[] {
    if (this.exit) return [];
    return this.bindings.filter((b) => this.network.lookup(b.port, b.protocol)?.owner === this.spec.name);
  }

  isListening(port: number, protocol: 'TCP' | 'UDP' = 'TCP'): boolean {
    return this.listeningPorts().some((b) => b.port === port && b.protocol === protocol);
  }

  /** Sends an HTTP request to a port of this container (probes, Service traffic, port-forward). */
  handleHttp(port: number, req: Omit<HttpRequest, 'port'> & { port?: number }, nowMs: number): HttpResult {
    this.catchUp(nowMs);
    const b = this.listeningPorts().find((x) => x.port === port && x.protocol === 'TCP');
    const address = `${this.spec.podIP ?? '127.0.0.1'}:${port}`;
    if (!b) return { error: 'connection-refused', address };
    if (!b.http) return { error: 'empty-reply', address };
    return b.http({ ...req, port });
  }

  /**
   * Runs a command inside the container (`kubectl exec`, exec probes): same files, environment and network, its
   * own process. Fails like runc when the executable is missing.
   */
  exec(command: string[], nowMs: number, stdin = ''): { ok: true; process: SimProcess } | { ok: false; message: string } {
    this.catchUp(nowMs);
    const exe = command.length ? this.lookup(command[0], this.env.PATH) : undefined;
    if (!exe) {
      const name = command[0] ?? '';
      const why = name.includes('/') ? `exec: ${JSON.stringify(name)}: stat ${name}: no such file or directory` : `exec: ${JSON.stringify(name)}: executable file not found in $PATH`;
      return { ok: false, message: `OCI runtime exec failed: exec failed: unable to start container process: ${why}: unknown` };
    }
    const process = new SimProcess(nowMs, (proc) =>
      runProgram(exe.program, { argv: command, env: this.env, cwd: this.workingDir, stdin, stdout: proc.stdout, stderr: proc.stderr, sys: this.system(proc, false) }),
    );
    return { ok: true, process };
  }

  memoryBytes(): number {
    return this.exit ? 0 : this.image.memoryBytes;
  }

  private catchUp(nowMs: number): void {
    const r = this.proc.step(nowMs);
    this.pending.push(...r.output);
  }
}

/**
 * Drives the real kubectl (1.32) against an in-process `serve` on an ephemeral port: a temp kubeconfig and a temp
 * discovery cache per server, so runs never touch ~/.kube.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type ServeHandle, type ServeOptions } from '../../src/server/server';
import { writeKubeconfig } from '../../src/server/kubeconfig';

export const KUBECTL = process.env.KUBECTL ?? '/usr/bin/kubectl';

/** Whether the kubectl tests can run; on CI a missing kubectl is a failure, on a person's machine a loud skip. */
export function kubectlAvailable(): boolean {
  if (existsSync(KUBECTL)) return true;
  if (process.env.CI === 'true') throw new Error(`kubectl not found at ${KUBECTL}; CI must have kubectl 1.32 installed`);
  console.warn(`\n*** SKIPPING the kubectl integration tests: ${KUBECTL} not found (install kubectl 1.32 or set KUBECTL) ***\n`);
  return false;
}

export interface KubectlResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface Harness {
  server: ServeHandle;
  kubeconfig: string;
  kubectl(args: string[], opts?: { stdin?: string; kubeconfig?: string }): Promise<KubectlResult>;
  /** Starts a long-running kubectl (e.g. `get -w`); the caller stops it. */
  spawnKubectl(args: string[]): { child: ChildProcess; output: () => string; waitFor: (re: RegExp, timeoutMs?: number) => Promise<string> };
  close(): Promise<void>;
}

export async function startHarness(options: ServeOptions = {}): Promise<Harness> {
  const server = await startServer({ speed: 10, ...options });
  const dir = mkdtempSync(join(tmpdir(), 'pilothouse-serve-test-'));
  const kubeconfig = join(dir, 'kubeconfig');
  writeKubeconfig(kubeconfig, { server: server.url, token: options.token });
  const cacheDir = join(dir, 'cache');
  const base = (kc: string) => ['--kubeconfig', kc, '--cache-dir', cacheDir];
  const children = new Set<ChildProcess>();

  return {
    server,
    kubeconfig,
    kubectl(args, opts = {}) {
      return new Promise((resolve) => {
        const child = execFile(KUBECTL, [...base(opts.kubeconfig ?? kubeconfig), ...args], { timeout: 30_000, env: { ...process.env, KUBECONFIG: '' } }, (err, stdout, stderr) => {
          // execFile reports a non-zero exit as err.code (a number); anything else (timeout, spawn failure) counts as 1.
          const exit = (err as { code?: unknown } | null)?.code;
          const code = err ? (typeof exit === 'number' ? exit : 1) : 0;
          resolve({ code, stdout, stderr });
        });
        if (opts.stdin !== undefined) child.stdin?.end(opts.stdin);
      });
    },
    spawnKubectl(args) {
      const child = spawn(KUBECTL, [...base(kubeconfig), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      children.add(child);
      child.on('exit', () => children.delete(child));
      let out = '';
      const listeners = new Set<() => void>();
      const onData = (d: Buffer) => {
        out += d.toString();
        for (const l of listeners) l();
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      return {
        child,
        output: () => out,
        waitFor(re, timeoutMs = 15_000) {
          return new Promise((resolve, reject) => {
            const check = () => {
              const m = re.exec(out);
              if (m) {
                listeners.delete(check);
                clearTimeout(timer);
                resolve(m[0]);
              }
            };
            const timer = setTimeout(() => {
              listeners.delete(check);
              reject(new Error(`timed out waiting for ${re} in kubectl output:\n${out}`));
            }, timeoutMs);
            listeners.add(check);
            check();
          });
        },
      };
    },
    async close() {
      for (const c of children) c.kill('SIGTERM');
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

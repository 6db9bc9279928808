/// <reference types="node" />
/**
 * `npm run serve -- --port 6443 --nodes 3 --speed 10 --seed 1 [--kubeconfig PATH] [--token T]`: the simulated
 * cluster, headless, for the real kubectl. Prints the URL, writes a kubeconfig and runs until interrupted.
 */
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseServeArgs, SERVE_USAGE, UsageError } from './args';
import { writeKubeconfig } from './kubeconfig';
import { startServer } from './server';

export async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(SERVE_USAGE);
    return 0;
  }
  let args;
  try {
    args = parseServeArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    console.error(`error: ${err.message}\n\n${SERVE_USAGE}`);
    return 2;
  }
  let handle;
  try {
    handle = await startServer({ port: args.port, nodes: args.nodes, speed: args.speed, seed: args.seed, token: args.token });
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    console.error(e.code === 'EADDRINUSE' ? `error: port ${args.port} is already in use (try --port 0)` : `error: ${e.message}`);
    return 1;
  }
  const kubeconfig = resolve(args.kubeconfig ?? join(tmpdir(), `pilothouse-${handle.port}.kubeconfig`));
  writeKubeconfig(kubeconfig, { server: handle.url, token: args.token });

  console.log(`Pilothouse is serving the Kubernetes API on ${handle.url}`);
  console.log(`  nodes ${args.nodes}, speed ${args.speed === 'max' ? 'max' : `${args.speed}×`}, seed ${args.seed}`);
  console.log(`  kubeconfig: ${kubeconfig}`);
  console.log('');
  console.log(`  export KUBECONFIG=${kubeconfig}`);
  console.log(`  kubectl get ns`);
  console.log(`  kubectl --server ${handle.url} get ns`);
  if (args.token) {
    console.log('');
    console.log('  Note: kubectl sends kubeconfig credentials only over https, so with --token it is refused over this');
    console.log('  http:// endpoint; clients that send "Authorization: Bearer <token>" themselves (curl, SDKs) get in.');
  }

  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void handle.close().then(done);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  return 0;
}

// Run when executed directly (tsx src/server/main.ts …), not when imported by the bin or tests.
const invokedDirectly = process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}

/** The pause container, CoreDNS, etcd, the control-plane binaries, kube-proxy and flannel, plus generic wrappers. */
import type { Program } from '../sh/context';
import type { PortBinding } from '../sh/context';
import { runPlan, type LogLine } from './lifecycle';
import { execArgs } from './web';

const errl = (text: string): LogLine => ({ stream: 'stderr', text });
const out = (text: string): LogLine => ({ stream: 'stdout', text });
const klog = (file: string, text: string): LogLine => errl(`I{ts:%m%d %H:%M:%S.%f}       1 ${file}] ${text}`);

/** registry.k8s.io/pause: sleeps until signalled, then exits 0. */
export function pauseProgram(): Program {
  return (ctx) => runPlan(ctx, { stages: [], shutdown: { SIGTERM: { code: 0, log: [] }, SIGINT: { code: 0, log: [] } } });
}

export function corednsProgram(version: string): Program {
  return (ctx) => {
    const health: PortBinding = { port: 8080, protocol: 'TCP', http: () => ({ status: 200, body: 'OK' }) };
    const ready: PortBinding = { port: 8181, protocol: 'TCP', http: () => ({ status: 200, body: 'OK' }) };
    return runPlan(ctx, {
      stages: [
        {
          afterMs: 200,
          log: [out('.:53'), out('[INFO] plugin/reload: Running configuration SHA512 = 1b226df79860026c6a52e67daa10d7f0d57ec5b023288ec00c5e05f93523c894564e15b91770d3a07ae1cfbe861d15b37d4a0027e69c546ab112970993a3b03b'), out(`CoreDNS-${version}`), out('linux/amd64, go1.22.7, 8a0ae31')],
          listen: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }, health, { port: 9153, protocol: 'TCP', http: () => ({ status: 200, body: '# HELP coredns_build_info\n' }) }],
        },
        { afterMs: 300, listen: [ready] },
      ],
      shutdown: { SIGTERM: { code: 0, afterMs: 5000, log: [out('[INFO] SIGTERM: Shutting down servers then terminating'), out('[INFO] plugin/health: Going into lameduck mode for 5s')] } },
    });
  };
}

export function etcdProgram(version: string): Program {
  return (ctx) => {
    const j = (level: string, msg: string) => errl(`{"level":"${level}","ts":"{ts:%Y-%m-%dT%H:%M:%S.%f}Z","caller":"embed/etcd.go:128","msg":"${msg}"}`);
    const health: PortBinding = { port: 2381, protocol: 'TCP', http: () => ({ status: 200, body: '{"health":"true","reason":""}' }) };
    return runPlan(ctx, {
      stages: [
        { afterMs: 100, log: [j('info', 'Running: ' + ctx.argv.join(' ').replace(/"/g, '\\"')), j('info', `starting an etcd server`), j('info', `etcd version ${version}`)] },
        { afterMs: 900, log: [j('info', 'serving client traffic securely'), j('info', 'ready to serve client requests')], listen: [{ port: 2379, protocol: 'TCP' }, { port: 2380, protocol: 'TCP' }, health] },
      ],
      shutdown: { SIGTERM: { code: 0, afterMs: 200, log: [j('info', 'received signal; shutting down'), j('info', 'closed etcd server')] } },
    });
  };
}

/** kube-apiserver, kube-controller-manager, kube-scheduler, kube-proxy: klog start-up lines and their secure ports. */
export function kubeComponentProgram(component: string, version: string): Program {
  const ports: Record<string, number[]> = {
    'kube-apiserver': [6443],
    'kube-controller-manager': [10257],
    'kube-scheduler': [10259],
    'kube-proxy': [10249, 10256],
  };
  const firstLines: Record<string, LogLine[]> = {
    'kube-apiserver': [klog('options.go:228', 'external host was not specified, using 10.0.0.2'), klog('server.go:150', `Version: ${version}`), klog('secure_serving.go:213', 'Serving securely on [::]:6443')],
    'kube-controller-manager': [klog('serving.go:386', 'Generated self-signed cert in-memory'), klog('controllermanager.go:197', `"Starting" version="${version}"`), klog('secure_serving.go:213', 'Serving securely on 127.0.0.1:10257'), klog('leaderelection.go:254', 'attempting to acquire leader lease kube-system/kube-controller-manager...')],
    'kube-scheduler': [klog('serving.go:386', 'Generated self-signed cert in-memory'), klog('server.go:167', `"Starting Kubernetes Scheduler" version="${version}"`), klog('secure_serving.go:213', 'Serving securely on 127.0.0.1:10259'), klog('leaderelection.go:254', 'attempting to acquire leader lease kube-system/kube-scheduler...')],
    'kube-proxy': [klog('server_linux.go:66', '"Using iptables proxy"'), klog('server.go:677', `"Successfully retrieved node IP(s)" IPs=["10.0.0.2"]`), klog('server.go:483', `"Version info" version="${version}"`), klog('config.go:199', '"Starting service config controller"')],
  };
  return (ctx) =>
    runPlan(ctx, {
      stages: [
        { afterMs: 300, log: firstLines[component] ?? [] },
        { afterMs: 700, listen: (ports[component] ?? []).map((port) => ({ port, protocol: 'TCP' as const, http: () => ({ status: 200, body: 'ok' }) })) },
      ],
      shutdown: { SIGTERM: { code: 0, afterMs: 100, log: [] } },
    });
}

export function flannelProgram(version: string): Program {
  return (ctx) =>
    runPlan(ctx, {
      stages: [
        { afterMs: 200, log: [klog('main.go:212', `CLI flags config: {etcdEndpoints:http://127.0.0.1:4001,http://127.0.0.1:2379 etcdPrefix:/coreos.com/network kubeSubnetMgr:true}`), klog('main.go:211', `Flannel version ${version}`)] },
        { afterMs: 800, log: [klog('main.go:430', 'Running backend.'), klog('vxlan_network.go:65', 'watching for new subnet leases'), klog('main.go:451', 'Waiting for all goroutines to exit')], listen: [{ port: 8472, protocol: 'UDP' }] },
      ],
      shutdown: { SIGTERM: { code: 0, log: [klog('main.go:452', 'Exiting cleanly...')] } },
    });
}

/**
 * The usual `docker-entrypoint.sh`: when the first argument is an option, a config file or not a command, run
 * the image's server with it; otherwise exec the arguments (so `args: ["sh", "-c", "…"]` works on redis, node …).
 */
export function passthroughEntrypoint(server: string): Program {
  return function* (ctx) {
    const args = ctx.argv.slice(1);
    const notCommand = args.length > 0 && !ctx.sys.lookup(args[0], ctx.env.PATH);
    const argv = args.length === 0 || args[0].startsWith('-') || args[0].endsWith('.conf') || notCommand ? [server, ...args] : args;
    return yield* execArgs(ctx, argv);
  };
}

/** `node` without a script: the REPL reads EOF from the absent stdin and exits. */
export function nodeProgram(version: string): Program {
  return (ctx) => {
    const args = ctx.argv.slice(1);
    if (args[0] === '--version' || args[0] === '-v') {
      ctx.stdout.write(`v${version}\n`);
      return 0;
    }
    if (args[0] === '-e' || args[0] === '--eval') {
      for (const m of (args[1] ?? '').matchAll(/console\.log\((['"`])(.*?)\1\)/g)) ctx.stdout.write(`${m[2]}\n`);
      return 0;
    }
    if (args[0] && !args[0].startsWith('-')) {
      ctx.stderr.write(`node:internal/modules/cjs/loader:1228\n  throw err;\n  ^\n\nError: Cannot find module '${args[0].startsWith('/') ? args[0] : `${ctx.cwd === '/' ? '' : ctx.cwd}/${args[0]}`}'\n    at Module._resolveFilename (node:internal/modules/cjs/loader:1225:15) {\n  code: 'MODULE_NOT_FOUND',\n  requireStack: []\n}\n\nNode.js v${version}\n`);
      return 1;
    }
    return 0;
  };
}

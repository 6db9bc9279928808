/** HTTP servers: nginx, Apache httpd, agnhost, hashicorp/http-echo, traefik/whoami, python -m http.server. */
import { resolvePath } from '../fs/container-fs';
import type { HttpRequest, HttpResponse } from '../host';
import type { ExecContext, Program } from '../sh/context';
import { strftime } from '../time-format';
import { emit, runPlan, type LogLine, type ServerPlan } from './lifecycle';

const out = (text: string): LogLine => ({ stream: 'stdout', text });
const errl = (text: string): LogLine => ({ stream: 'stderr', text });

export const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

export const NGINX_DEFAULT_CONF = `server {
    listen       80;
    listen  [::]:80;
    server_name  localhost;

    location / {
        root   /usr/share/nginx/html;
        index  index.html index.htm;
    }

    error_page   500 502 503 504  /50x.html;
    location = /50x.html {
        root   /usr/share/nginx/html;
    }
}
`;

function errorPage(status: number, text: string, server: string): string {
  return `<html>\r\n<head><title>${status} ${text}</title></head>\r\n<body>\r\n<center><h1>${status} ${text}</h1></center>\r\n<hr><center>${server}</center>\r\n</body>\r\n</html>\r\n`;
}

/** Reads the listen ports and document root from nginx's conf.d, so a mounted config changes behaviour. */
function nginxConfig(ctx: ExecContext): { ports: number[]; root: string } {
  const ports = new Set<number>();
  let root = '/usr/share/nginx/html';
  const dir = '/etc/nginx/conf.d';
  let files: string[];
  try {
    files = ctx.sys.fs.list(dir).filter((f) => f.endsWith('.conf'));
  } catch {
    files = [];
  }
  for (const f of files) {
    let text: string;
    try {
      text = ctx.sys.fs.readFile(`${dir}/${f}`);
    } catch {
      continue;
    }
    for (const m of text.matchAll(/^\s*listen\s+(?:[\d.]+:|\[::\]:)?(\d+)/gm)) ports.add(Number(m[1]));
    const r = /^\s*root\s+([^;\s]+)\s*;/m.exec(text);
    if (r) root = r[1];
  }
  return { ports: ports.size ? [...ports] : files.length ? [] : [80], root };
}

export function nginxProgram(version: string, workers = 2): Program {
  return (ctx) => {
    const ts = '{ts:%Y/%m/%d %H:%M:%S}';
    const notice = (msg: string, pid = 1) => errl(`${ts} [notice] ${pid}#${pid}: ${msg}`);
    const daemonOff = ctx.argv.some((a) => /daemon\s+off/.test(a));
    const { ports, root } = nginxConfig(ctx);
    const server = `nginx/${version}`;
    const http = (req: HttpRequest): HttpResponse => {
      const path = decodeURIComponent(req.path.split('?')[0]);
      let file = resolvePath('/', path);
      if (path.endsWith('/')) file = resolvePath(file, 'index.html');
      let res: HttpResponse;
      try {
        const abs = resolvePath(root, `.${file}`);
        const body = ctx.sys.fs.stat(abs) === 'dir' ? undefined : ctx.sys.fs.readFile(abs);
        res =
          body === undefined
            ? { status: 301, headers: { Server: server, Location: `${path}/` }, body: errorPage(301, 'Moved Permanently', server) }
            : { status: 200, headers: { Server: server, 'Content-Type': file.endsWith('.html') ? 'text/html' : 'text/plain' }, body };
      } catch {
        res = { status: 404, headers: { Server: server, 'Content-Type': 'text/html' }, body: errorPage(404, 'Not Found', server) };
      }
      const now = ctx.sys.epochMs + ctx.sys.proc.now();
      const reqLine = `${req.method} ${req.path} HTTP/1.1`;
      ctx.stdout.write(
        `${req.remoteAddr ?? '127.0.0.1'} - - [${strftime('%d/%b/%Y:%H:%M:%S +0000', now)}] "${reqLine}" ${res.status} ${req.method === 'HEAD' ? 0 : res.body.length} "-" "${req.headers['User-Agent'] ?? '-'}" "-"\n`,
      );
      return res;
    };
    const startLines = [
      notice('using the "epoll" event method'),
      notice(server),
      notice('built by gcc 12.2.0 (Debian 12.2.0-14) '),
      notice('OS: Linux 6.8.0'),
      notice('getrlimit(RLIMIT_NOFILE): 1048576:1048576'),
      notice('start worker processes'),
      ...Array.from({ length: workers }, (_, i) => notice(`start worker process ${29 + i}`)),
    ];
    const workerPids = Array.from({ length: workers }, (_, i) => 29 + i);
    const plan: ServerPlan = {
      stages: [
        { afterMs: 40, listen: ports.map((port) => ({ port, protocol: 'TCP' as const, http })) },
        { afterMs: 5, log: startLines },
      ],
      exit: daemonOff ? undefined : { code: 0 },
      bindFailure: (port) => {
        const attempt = [
          errl(`${ts} [emerg] 1#1: bind() to 0.0.0.0:${port} failed (98: Address already in use)`),
          errl(`nginx: [emerg] bind() to 0.0.0.0:${port} failed (98: Address already in use)`),
          errl(`${ts} [emerg] 1#1: bind() to [::]:${port} failed (98: Address already in use)`),
          errl(`nginx: [emerg] bind() to [::]:${port} failed (98: Address already in use)`),
        ];
        return {
          retries: [attempt, attempt, attempt, attempt, attempt],
          retryEveryMs: 500,
          final: { afterMs: 500, code: 1, log: [errl(`${ts} [emerg] 1#1: still could not bind()`), errl('nginx: [emerg] still could not bind()')] },
        };
      },
      shutdown: {
        SIGQUIT: {
          code: 0,
          afterMs: 10,
          log: [
            notice('signal 3 (SIGQUIT) received, shutting down'),
            ...workerPids.flatMap((p) => [notice('gracefully shutting down', p), notice('exiting', p), notice('exit', p)]),
            ...workerPids.flatMap((p) => [notice(`signal 17 (SIGCHLD) received from ${p}`), notice(`worker process ${p} exited with code 0`)]),
            notice('exit'),
          ],
        },
        SIGTERM: { code: 0, afterMs: 5, log: [notice('signal 15 (SIGTERM) received, exiting'), ...workerPids.map((p) => notice('exiting', p)), notice('exit')] },
        SIGINT: { code: 0, afterMs: 5, log: [notice('signal 2 (SIGINT) received, exiting'), notice('exit')] },
      },
    };
    return runPlan(ctx, plan);
  };
}

/** nginx's /docker-entrypoint.sh: runs the /docker-entrypoint.d scripts when starting nginx, then execs its args. */
export function nginxEntrypoint(): Program {
  return function* (ctx) {
    const args = ctx.argv.slice(1);
    const quiet = ctx.env.NGINX_ENTRYPOINT_QUIET_LOGS;
    if ((args[0] === 'nginx' || args[0] === 'nginx-debug') && !quiet) {
      const confWritable = (() => {
        try {
          ctx.sys.fs.writeFile('/etc/nginx/conf.d/default.conf', ctx.sys.fs.readFile('/etc/nginx/conf.d/default.conf'));
          return true;
        } catch {
          return false;
        }
      })();
      const hasDefault = ctx.sys.fs.stat('/etc/nginx/conf.d/default.conf') === 'file';
      const lines = [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        !hasDefault
          ? '10-listen-on-ipv6-by-default.sh: info: /etc/nginx/conf.d/default.conf is not a file or does not exist'
          : confWritable
            ? '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf'
            : '10-listen-on-ipv6-by-default.sh: info: can not modify /etc/nginx/conf.d/default.conf (read-only file system?)',
        ...(hasDefault && confWritable ? ['10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf'] : []),
        '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
      ];
      yield { k: 'sleep', ms: 30 };
      for (const l of lines) ctx.stdout.write(`${l}\n`);
    }
    return yield* execArgs(ctx, args);
  };
}

/** `exec "$@"`: what every docker-entrypoint.sh ends with. */
export function* execArgs(ctx: ExecContext, args: string[]): Generator<import('../process').Effect, number, void> {
  if (args.length === 0) return 0;
  const exe = ctx.sys.lookup(args[0], ctx.env.PATH);
  if (!exe) {
    // The entrypoint is a bash/dash script; its exec fails the way the shell words it.
    ctx.stderr.write(`${ctx.argv[0]}: line 47: exec: ${args[0]}: not found\n`);
    return 127;
  }
  const r = exe.program({ ...ctx, argv: args });
  return typeof r === 'number' ? r : yield* r;
}

export function httpdProgram(version: string): Program {
  return (ctx) => {
    const ts = '{ts:%a %b %d %H:%M:%S.%f %Y}';
    const server = `Apache/${version} (Unix)`;
    const http = (req: HttpRequest): HttpResponse => {
      const path = req.path.split('?')[0];
      const file = path.endsWith('/') ? `${path}index.html` : path;
      try {
        const body = ctx.sys.fs.readFile(resolvePath('/usr/local/apache2/htdocs', `.${file}`));
        return { status: 200, headers: { Server: server, 'Content-Type': 'text/html' }, body };
      } catch {
        return {
          status: 404,
          headers: { Server: server },
          body: `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n`,
        };
      }
    };
    const ip = ctx.sys.podIP ?? '127.0.0.1';
    const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ip}. Set the 'ServerName' directive globally to suppress this message`;
    return runPlan(ctx, {
      stages: [
        { afterMs: 60, log: [errl(fqdn), errl(fqdn)], listen: [{ port: 80, protocol: 'TCP', http }] },
        {
          afterMs: 5,
          log: [
            errl(`[${ts}] [mpm_event:notice] [pid 1:tid 1] AH00489: ${server} configured -- resuming normal operations`),
            errl(`[${ts}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`),
          ],
        },
      ],
      bindFailure: (port) => ({
        retries: [[errl(`(98)Address already in use: AH00072: make_sock: could not bind to address [::]:${port}`), errl(`(98)Address already in use: AH00072: make_sock: could not bind to address 0.0.0.0:${port}`)]],
        retryEveryMs: 0,
        final: { code: 1, log: [errl('no listening sockets available, shutting down'), errl('AH00015: Unable to open logs')] },
      }),
      shutdown: {
        SIGWINCH: { code: 0, afterMs: 20, log: [errl(`[${ts}] [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully`)] },
        SIGTERM: { code: 0, afterMs: 20, log: [errl(`[${ts}] [mpm_event:notice] [pid 1:tid 1] AH00491: caught SIGTERM, shutting down`)] },
      },
    });
  };
}

function flag(args: string[], name: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === `--${name}` || a === `-${name}`) return args[i + 1];
    const m = new RegExp(`^--?${name}=(.*)$`).exec(a);
    if (m) return m[1];
  }
  return undefined;
}

const klog = (text: string): LogLine => errl(`I{ts:%m%d %H:%M:%S.%f}       1 ${text}`);

/** registry.k8s.io/e2e-test-images/agnhost: the Kubernetes e2e Swiss-army knife, by subcommand. */
export function agnhostProgram(version: string): Program {
  return (ctx) => {
    const [sub, ...args] = ctx.argv.slice(1);
    const hostname = ctx.sys.hostname;
    switch (sub) {
      case 'netexec': {
        const httpPort = Number(flag(args, 'http-port') ?? 8080);
        const udpPort = Number(flag(args, 'udp-port') ?? 8081);
        const startedAt = ctx.sys.proc.now();
        const http = (req: HttpRequest): HttpResponse => {
          const [path, query = ''] = req.path.split('?');
          const params = new URLSearchParams(query);
          switch (path) {
            case '/':
              return { status: 200, body: `NOW: ${strftime('%Y-%m-%d %H:%M:%S.%N +0000 UTC', ctx.sys.epochMs + ctx.sys.proc.now())}` };
            case '/hostname':
              return { status: 200, body: hostname };
            case '/echo':
              return { status: 200, body: params.get('msg') ?? '' };
            case '/clientip':
              return { status: 200, body: `${req.remoteAddr ?? '127.0.0.1'}:${40000 + (req.path.length % 20000)}` };
            case '/healthz':
              return ctx.sys.proc.now() - startedAt >= 0 ? { status: 200, body: '' } : { status: 500, body: '' };
            case '/header':
              return { status: 200, body: req.headers[params.get('key') ?? ''] ?? '' };
            case '/exit': {
              const code = Number(params.get('code') ?? 0);
              ctx.sys.proc.signal('SIGKILL', ctx.sys.proc.now());
              return { status: 200, body: `exit ${code}` };
            }
            default:
              return { status: 404, body: '404 page not found\n' };
          }
        };
        return runPlan(ctx, {
          stages: [
            {
              afterMs: 20,
              log: [klog(`log.go:245] Started HTTP server on port ${httpPort}`), klog(`log.go:245] Started UDP server on port  ${udpPort}`)],
              listen: [
                { port: httpPort, protocol: 'TCP', http },
                { port: udpPort, protocol: 'UDP' },
              ],
            },
          ],
          bindFailure: (port) => ({ retries: [], retryEveryMs: 0, final: { code: 1, log: [errl(`F{ts:%m%d %H:%M:%S.%f}       1 log.go:245] listen tcp :${port}: bind: address already in use`)] } }),
        });
      }
      case 'serve-hostname': {
        const port = Number(flag(args, 'port') ?? 9376);
        const http = (): HttpResponse => ({ status: 200, body: hostname });
        return runPlan(ctx, { stages: [{ afterMs: 10, log: [errl(`{ts:%Y/%m/%d %H:%M:%S} Serving on port ${port}.`)], listen: [{ port, protocol: 'TCP', http }] }] });
      }
      case 'test-webserver': {
        const port = Number(flag(args, 'port') ?? 80);
        return runPlan(ctx, { stages: [{ afterMs: 10, listen: [{ port, protocol: 'TCP', http: () => ({ status: 200, body: 'hello' }) }] }] });
      }
      case 'liveness': {
        // Healthy for the first 10 seconds, then /healthz fails — the classic liveness-probe demo.
        const started = ctx.sys.proc.now();
        const http = (req: HttpRequest): HttpResponse => {
          const elapsed = (ctx.sys.proc.now() - started) / 1000;
          if (req.path.startsWith('/healthz') && elapsed > 10) return { status: 500, body: `error: ${elapsed.toFixed(6)}` };
          return { status: 200, body: 'ok' };
        };
        return runPlan(ctx, { stages: [{ afterMs: 10, listen: [{ port: 8080, protocol: 'TCP', http }] }] });
      }
      case 'pause':
        return runPlan(ctx, { stages: [{ afterMs: 0, log: [out('Paused')] }] });
      case undefined:
        ctx.stdout.write(`Tool for testing Kubernetes (${version})\n\nUsage:\n  agnhost [command]\n\nUse "agnhost [command] --help" for more information about a command.\n`);
        return 0;
      default:
        ctx.stderr.write(`Error: unknown command "${sub}" for "agnhost"\nRun 'agnhost --help' for usage.\n`);
        return 1;
    }
  };
}

/** hashicorp/http-echo: answers every request with -text. */
export function httpEchoProgram(): Program {
  return (ctx) => {
    const args = ctx.argv.slice(1);
    const text = flag(args, 'text') ?? ctx.env.ECHO_TEXT;
    const listen = flag(args, 'listen') ?? `:${ctx.env.PORT ?? 5678}`;
    const status = Number(flag(args, 'status-code') ?? 200);
    const port = Number(listen.split(':').pop());
    if (text === undefined) {
      emit(ctx, [errl('{ts:%Y/%m/%d %H:%M:%S} [ERR] Missing -text option!')]);
      return 127;
    }
    const http = (req: HttpRequest): HttpResponse => {
      ctx.stdout.write(`${strftime('%Y/%m/%d %H:%M:%S', ctx.sys.epochMs + ctx.sys.proc.now())} ${req.host}:${req.port} ${req.remoteAddr ?? '127.0.0.1'}:${40000 + port} "${req.method} ${req.path} HTTP/1.1" ${status} ${text.length + 1} "${req.headers['User-Agent'] ?? ''}" 12.3µs\n`);
      return { status, headers: { 'X-App-Name': 'http-echo', 'X-App-Version': '1.0.0', 'Content-Type': 'text/plain; charset=utf-8' }, body: `${text}\n` };
    };
    return runPlan(ctx, {
      stages: [{ afterMs: 5, log: [errl(`{ts:%Y/%m/%d %H:%M:%S} [INFO] server is listening on ${listen}`)], listen: [{ port, protocol: 'TCP', http }] }],
      shutdown: { SIGTERM: { code: 0, log: [errl('{ts:%Y/%m/%d %H:%M:%S} [INFO] received interrupt, shutting down...')] }, SIGINT: { code: 0, log: [] } },
    });
  };
}

/** traefik/whoami: prints the request back with the pod's hostname and addresses. */
export function whoamiProgram(): Program {
  return (ctx) => {
    const args = ctx.argv.slice(1);
    const port = Number(flag(args, 'port') ?? ctx.env.WHOAMI_PORT_NUMBER ?? 80);
    const http = (req: HttpRequest): HttpResponse => {
      const lines = [
        `Hostname: ${ctx.sys.hostname}`,
        'IP: 127.0.0.1',
        ...(ctx.sys.podIP ? [`IP: ${ctx.sys.podIP}`] : []),
        `RemoteAddr: ${req.remoteAddr ?? '127.0.0.1'}:${40000 + port}`,
        `${req.method} ${req.path} HTTP/1.1`,
        `Host: ${req.host}${req.port === 80 ? '' : `:${req.port}`}`,
        ...Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`),
      ];
      return { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: `${lines.join('\r\n')}\r\n\r\n` };
    };
    return runPlan(ctx, { stages: [{ afterMs: 5, log: [errl(`{ts:%Y/%m/%d %H:%M:%S} Starting up on port ${port}`)], listen: [{ port, protocol: 'TCP', http }] }] });
  };
}

/** `python3 -m http.server [port]`, the one-liner web server of many tutorials. Other invocations exit at once. */
export function pythonProgram(version: string): Program {
  return (ctx) => {
    const args = ctx.argv.slice(1);
    if (args[0] === '-m' && args[1] === 'http.server') {
      const port = Number(args.find((a, i) => i >= 2 && /^\d+$/.test(a)) ?? 8000);
      const http = (req: HttpRequest): HttpResponse => {
        const file = req.path.split('?')[0];
        ctx.stderr.write(`${req.remoteAddr ?? '127.0.0.1'} - - [${strftime('%d/%b/%Y %H:%M:%S', ctx.sys.epochMs + ctx.sys.proc.now())}] "${req.method} ${req.path} HTTP/1.1" 200 -\n`);
        try {
          return { status: 200, body: ctx.sys.fs.readFile(resolvePath(ctx.cwd, `.${file}`)) };
        } catch {
          const names = (() => {
            try {
              return ctx.sys.fs.list(resolvePath(ctx.cwd, `.${file}`));
            } catch {
              return [];
            }
          })();
          return { status: 200, body: `<!DOCTYPE HTML>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Directory listing for ${file}</title>\n</head>\n<body>\n<h1>Directory listing for ${file}</h1>\n<hr>\n<ul>\n${names.map((n) => `<li><a href="${n}">${n}</a></li>`).join('\n')}\n</ul>\n<hr>\n</body>\n</html>\n` };
        }
      };
      return runPlan(ctx, {
        stages: [{ afterMs: 80, listen: [{ port, protocol: 'TCP', http }], log: [out(`Serving HTTP on 0.0.0.0 port ${port} (http://0.0.0.0:${port}/) ...`)] }],
        bindFailure: () => ({ retries: [], retryEveryMs: 0, final: { code: 1, log: [errl('OSError: [Errno 98] Address already in use')] } }),
      });
    }
    if (args[0] === '--version' || args[0] === '-V') {
      ctx.stdout.write(`Python ${version}\n`);
      return 0;
    }
    if (args[0] === '-c') {
      // Only print("…") statements are simulated; anything else runs silently.
      for (const m of (args[1] ?? '').matchAll(/print\((['"])(.*?)\1\)/g)) ctx.stdout.write(`${m[2]}\n`);
      return 0;
    }
    // The REPL with no stdin reads EOF and exits.
    return 0;
  };
}

/** nslookup, wget and curl, answered by the host's simulated DNS and HTTP. */
import type { Proc } from '../../process';
import { FsError, resolvePath } from '../../fs/container-fs';
import { standardStatusText, type HttpRequest, type HttpResult } from '../../host';
import type { ExecContext } from '../context';
import { err, out } from './util';

interface Url {
  host: string;
  port: number;
  path: string;
  scheme: string;
}

export function parseUrl(raw: string): Url | undefined {
  const m = /^(?:([a-z]+):\/\/)?(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?([^#]*)/i.exec(raw);
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  return { scheme, host: m[2], port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: m[4] || '/' };
}

function* request(ctx: ExecContext, req: HttpRequest, timeoutMs: number): Generator<import('../../process').Effect, HttpResult, void> {
  const res: HttpResult = ctx.sys.host.http ? ctx.sys.host.http(req) : { error: 'no-such-host' };
  if ('error' in res) {
    if (res.error === 'timeout') yield { k: 'sleep', ms: timeoutMs };
    return res;
  }
  if (res.latencyMs) yield { k: 'sleep', ms: res.latencyMs };
  return res;
}

function resolveAddress(ctx: ExecContext, host: string): string | undefined {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
  return ctx.sys.host.resolve?.(host).answer?.addresses[0];
}

// eslint-disable-next-line require-yield
export function* nslookup(ctx: ExecContext): Proc {
  const name = ctx.argv.slice(1).find((a) => !a.startsWith('-'));
  if (!name) {
    err(ctx, 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]');
    return 1;
  }
  const r = ctx.sys.host.resolve?.(name) ?? { server: '10.96.0.10' };
  out(ctx, `Server:\t\t${r.server}\nAddress:\t${r.server}:53\n\n`);
  if (!r.answer) {
    out(ctx, `** server can't find ${name}: NXDOMAIN\n\n`);
    return 1;
  }
  for (const a of r.answer.addresses) out(ctx, `Name:\t${r.answer.name}\nAddress: ${a}\n`);
  out(ctx, '\n');
  return 0;
}

export function* wget(ctx: ExecContext): Proc {
  const args = ctx.argv.slice(1);
  let quiet = false;
  let output: string | undefined;
  let timeoutS = 900;
  let spider = false;
  let urlArg: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-O') output = args[++i];
    else if (a.startsWith('-O')) output = a.slice(2);
    else if (a === '-qO-' || a === '-qO') {
      quiet = true;
      output = a === '-qO-' ? '-' : args[++i];
    } else if (a === '-T') timeoutS = Number(args[++i]);
    else if (a.startsWith('--timeout=')) timeoutS = Number(a.slice(10));
    else if (a === '--spider') spider = true;
    else if (!a.startsWith('-')) urlArg = a;
  }
  const url = urlArg ? parseUrl(urlArg) : undefined;
  if (!url) {
    err(ctx, 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...');
    return 1;
  }
  const address = resolveAddress(ctx, url.host);
  if (!address) {
    err(ctx, `wget: bad address '${url.host}'`);
    return 1;
  }
  if (!quiet) err(ctx, `Connecting to ${url.host}${url.host === address ? '' : ` (${address}:${url.port})`}`);
  const res = yield* request(ctx, { method: spider ? 'HEAD' : 'GET', host: url.host, port: url.port, path: url.path, headers: { 'User-Agent': 'Wget' } }, timeoutS * 1000);
  if ('error' in res) {
    if (res.error === 'no-such-host') err(ctx, `wget: bad address '${url.host}'`);
    else if (res.error === 'timeout') err(ctx, 'wget: download timed out');
    else if (res.error === 'empty-reply') err(ctx, 'wget: error getting response');
    else err(ctx, `wget: can't connect to remote host (${res.address}): Connection refused`);
    return 1;
  }
  if (res.status >= 400) {
    err(ctx, `wget: server returned error: HTTP/1.1 ${res.status} ${res.statusText ?? standardStatusText[res.status] ?? ''}`);
    return 1;
  }
  if (spider) {
    if (!quiet) err(ctx, 'remote file exists');
    return 0;
  }
  const file = output ?? (url.path.split('/').pop() || 'index.html');
  if (file === '-') {
    if (!quiet) err(ctx, 'writing to stdout');
    out(ctx, res.body);
    if (!quiet) err(ctx, `-                    100% |********************************|  ${String(res.body.length).padStart(4)}  0:00:00 ETA\nwritten to stdout`);
    return 0;
  }
  if (!quiet) err(ctx, `saving to '${file}'`);
  try {
    ctx.sys.fs.writeFile(resolvePath(ctx.cwd, file), res.body);
  } catch (e) {
    if (!(e instanceof FsError)) throw e;
    err(ctx, `wget: can't open '${file}': ${e.message}`);
    return 1;
  }
  if (!quiet) err(ctx, `${file.padEnd(20)} 100% |********************************|  ${String(res.body.length).padStart(4)}  0:00:00 ETA\n'${file}' saved`);
  return 0;
}

export function* curl(ctx: ExecContext): Proc {
  // Combined short flags such as -sS or -fsSL become separate flags.
  const args = ctx.argv.slice(1).flatMap((a) => (/^-[a-zA-Z]{2,}$/.test(a) ? [...a.slice(1)].map((f) => `-${f}`) : [a]));
  let silent = false;
  let showError = false;
  let failOnError = false;
  let head = false;
  let include = false;
  let output: string | undefined;
  let method: string | undefined;
  let data: string | undefined;
  let writeOut: string | undefined;
  let maxTimeS: number | undefined;
  const headers: Record<string, string> = { 'User-Agent': 'curl/8.5.0', Accept: '*/*' };
  let urlArg: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    switch (a) {
      case '-s':
      case '--silent':
        silent = true;
        break;
      case '-S':
      case '--show-error':
        showError = true;
        break;
      case '-f':
      case '--fail':
        failOnError = true;
        break;
      case '-I':
      case '--head':
        head = true;
        break;
      case '-i':
      case '--include':
        include = true;
        break;
      case '-L':
      case '--location':
      case '-v':
      case '-k':
      case '--insecure':
        break;
      case '-o':
      case '--output':
        output = args[++i];
        break;
      case '-X':
      case '--request':
        method = args[++i];
        break;
      case '-d':
      case '--data':
        data = args[++i];
        break;
      case '-H':
      case '--header': {
        const h = args[++i] ?? '';
        const c = h.indexOf(':');
        if (c > 0) headers[h.slice(0, c).trim()] = h.slice(c + 1).trim();
        break;
      }
      case '-w':
      case '--write-out':
        writeOut = args[++i];
        break;
      case '-m':
      case '--max-time':
      case '--connect-timeout':
        maxTimeS = Number(args[++i]);
        break;
      default:
        if (!a.startsWith('-')) urlArg = a;
    }
  }
  const fail = (code: number, msg: string): number => {
    if (!silent || showError) err(ctx, `curl: (${code}) ${msg}`);
    return code;
  };
  if (!urlArg) {
    err(ctx, "curl: try 'curl --help' or 'curl --manual' for more information");
    return 2;
  }
  const url = parseUrl(urlArg);
  if (!url) return fail(3, 'URL rejected: Malformed input to a URL function');
  const address = resolveAddress(ctx, url.host);
  if (!address) return fail(6, `Could not resolve host: ${url.host}`);
  const timeoutMs = (maxTimeS ?? 134) * 1000;
  const res = yield* request(
    ctx,
    { method: method ?? (head ? 'HEAD' : data !== undefined ? 'POST' : 'GET'), host: url.host, port: url.port, path: url.path, headers, body: data },
    timeoutMs,
  );
  if ('error' in res) {
    if (res.error === 'no-such-host') return fail(6, `Could not resolve host: ${url.host}`);
    if (res.error === 'timeout') {
      return maxTimeS !== undefined
        ? fail(28, `Connection timed out after ${timeoutMs + 1} milliseconds`)
        : fail(28, `Failed to connect to ${url.host} port ${url.port} after ${timeoutMs} ms: Couldn't connect to server`);
    }
    if (res.error === 'empty-reply') return fail(52, 'Empty reply from server');
    return fail(7, `Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server`);
  }
  if (failOnError && res.status >= 400) return fail(22, `The requested URL returned error: ${res.status}`);
  const statusLine = `HTTP/1.1 ${res.status} ${res.statusText ?? standardStatusText[res.status] ?? ''}`;
  const headerBlock = [statusLine, ...Object.entries(res.headers ?? {}).map(([k, v]) => `${k}: ${v}`)].join('\r\n') + '\r\n\r\n';
  let body = head ? headerBlock : include ? headerBlock + res.body : res.body;
  if (writeOut) body += writeOut.replace(/%\{http_code\}/g, String(res.status)).replace(/\\n/g, '\n');
  if (output && output !== '-') {
    try {
      ctx.sys.fs.writeFile(resolvePath(ctx.cwd, output), res.body);
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      return fail(23, `Failure writing output to destination`);
    }
    if (writeOut) out(ctx, writeOut.replace(/%\{http_code\}/g, String(res.status)).replace(/\\n/g, '\n'));
    return 0;
  }
  out(ctx, body);
  return 0;
}

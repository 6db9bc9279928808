import { describe, expect, it } from 'vitest';
import { effectiveArgv, startContainer } from './container';
import { Volume } from './fs/volume';
import { PodNetwork } from './network';
import { drive, pull, run, start } from './testing/run';

describe('containers', () => {
  it('combines ENTRYPOINT/CMD with command/args as Kubernetes does', () => {
    const img = { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'] };
    expect(effectiveArgv(img)).toEqual(['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']);
    expect(effectiveArgv(img, undefined, ['nginx-debug'])).toEqual(['/docker-entrypoint.sh', 'nginx-debug']);
    expect(effectiveArgv(img, ['sh', '-c'])).toEqual(['sh', '-c']);
    expect(effectiveArgv(img, ['sh'], ['-c', 'echo hi'])).toEqual(['sh', '-c', 'echo hi']);
  });

  it('postgres without POSTGRES_PASSWORD prints its error and exits 1', () => {
    const r = run('postgres:17');
    expect(r.exit?.code).toBe(1);
    expect(r.stderr[0]).toBe('Error: Database is uninitialized and superuser password is not specified.');
    expect(r.stderr).toContain('       You must specify POSTGRES_PASSWORD to a non-empty value for the');
  });

  it('postgres with a password initialises once; a persistent volume skips initialisation after a restart', () => {
    const data = new Volume();
    const spec = { env: [{ name: 'POSTGRES_PASSWORD', value: 'pw' }], mounts: [{ path: '/var/lib/postgresql/data', volume: data }] };
    const first = start('postgres', spec);
    const r1 = drive(first, 10_000);
    expect(r1.exit).toBeUndefined();
    expect(r1.stdout).toContain('PostgreSQL init process complete; ready for start up.');
    expect(r1.stderr.at(-1)).toMatch(/^2025-01-01 00:00:0\d\.\d{3} UTC \[1\] LOG: {2}database system is ready to accept connections$/);
    expect(first.isListening(5432)).toBe(true);
    first.stop(10_000);
    const stopped = drive(first, 11_000, 250, 10_000);
    expect(stopped.exit?.code).toBe(0);
    expect(stopped.stderr.some((l) => l.includes('received fast shutdown request'))).toBe(true);
    const second = drive(start('postgres', { ...spec, startMs: 20_000 }), 25_000, 250, 20_000);
    expect(second.stdout).toContain('PostgreSQL Database directory appears to contain a database; Skipping initialization');
  });

  it('mysql without a root password option fails as its entrypoint does', () => {
    const r = run('mysql:8.4');
    expect(r.exit?.code).toBe(1);
    expect(r.stderr[0]).toMatch(/\[ERROR\] \[Entrypoint\]: Database is uninitialized and password option is not specified$/);
    expect(r.stderr.slice(1)).toEqual(['    You need to specify one of the following as an environment variable:', '    - MYSQL_ROOT_PASSWORD', '    - MYSQL_ALLOW_EMPTY_PASSWORD', '    - MYSQL_RANDOM_ROOT_PASSWORD']);
  });

  it('nginx prints its entrypoint lines, listens on 80, serves the welcome page and logs the access', () => {
    const c = start('nginx:1.27', { podIP: '10.244.1.5' });
    const r = drive(c, 2000);
    expect(r.stdout[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(r.stdout).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
    expect(r.stderr).toContain('2025/01/01 00:00:00 [notice] 1#1: nginx/1.27.3');
    expect(c.listeningPorts().map((b) => b.port)).toEqual([80]);
    const res = c.handleHttp(80, { method: 'GET', host: '10.244.1.5', path: '/', headers: { 'User-Agent': 'curl/8.5.0' }, remoteAddr: '10.244.0.1' }, 5000);
    expect('status' in res && res.status).toBe(200);
    expect('body' in res && res.body).toContain('<title>Welcome to nginx!</title>');
    expect('body' in res && res.body.length).toBe(615);
    const missing = c.handleHttp(80, { method: 'GET', host: 'x', path: '/nope', headers: {} }, 5000);
    expect('status' in missing && missing.status).toBe(404);
    expect(c.advance(6000).output.map((l) => l.text)[0]).toBe('10.244.0.1 - - [01/Jan/2025:00:00:05 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.5.0" "-"');
    expect(c.handleHttp(8080, { method: 'GET', host: 'x', path: '/', headers: {} }, 6000)).toEqual({ error: 'connection-refused', address: '10.244.1.5:8080' });
    c.stop(7000);
    const down = drive(c, 8000, 250, 7000);
    expect(down.exit?.code).toBe(0);
    expect(down.stderr[0]).toBe('2025/01/01 00:00:07 [notice] 1#1: signal 3 (SIGQUIT) received, shutting down');
  });

  it('serves files from a mounted configMap and reports the read-only default.conf', () => {
    const html = Volume.fromFiles({ 'index.html': '<h1>hi</h1>\n' }, { readOnly: true });
    const conf = Volume.fromFiles({ 'default.conf': 'server {\n  listen 8080;\n  root /usr/share/nginx/html;\n}\n' }, { readOnly: true });
    const c = start('nginx', { mounts: [{ path: '/usr/share/nginx/html', volume: html }, { path: '/etc/nginx/conf.d', volume: conf }] });
    const r = drive(c, 1000);
    expect(r.stdout).toContain('10-listen-on-ipv6-by-default.sh: info: can not modify /etc/nginx/conf.d/default.conf (read-only file system?)');
    expect(c.isListening(8080)).toBe(true);
    const res = c.handleHttp(8080, { method: 'GET', host: 'x', path: '/', headers: {} }, 2000);
    expect('body' in res && res.body).toBe('<h1>hi</h1>\n');
  });

  it('two containers of a pod binding the same port: the second fails as nginx does', () => {
    const network = new PodNetwork();
    const a = start('nginx', { name: 'a', network });
    drive(a, 1000);
    const b = start('nginx', { name: 'b', network, startMs: 1000 });
    const r = drive(b, 10_000, 250, 1000);
    expect(r.exit?.code).toBe(1);
    expect(r.stderr).toContain('nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)');
    expect(r.stderr.at(-1)).toBe('nginx: [emerg] still could not bind()');
    expect(a.isListening(80)).toBe(true);
    const redis = drive(start('redis', { name: 'r1', network, args: ['--port', '80'], startMs: 0 }), 1000);
    expect(redis.exit?.code).toBe(1);
    expect(redis.stdout.at(-1)).toMatch(/# Failed listening on port 80 \(tcp\), aborting\.$/);
  });

  it('keeps files written to a volume across restarts, and loses the writable layer', () => {
    const data = new Volume();
    const mounts = [{ path: '/data', volume: data }];
    expect(run('busybox', { command: ['sh', '-c', 'echo x > /data/f; echo y > /tmp/g'], mounts }).exit?.code).toBe(0);
    const again = run('busybox', { command: ['sh', '-c', 'cat /data/f; cat /tmp/g'], mounts });
    expect(again.stdout).toEqual(['x']);
    expect(again.stderr).toEqual(["cat: can't open '/tmp/g': No such file or directory"]);
    const notVolume = run('busybox', { command: ['cat', '/data/f'] });
    expect(notVolume.stderr).toEqual(["cat: can't open '/data/f': No such file or directory"]);
    expect(notVolume.exit?.code).toBe(1);
    expect(run('ubuntu', { command: ['cat', '/data/f'] }).stderr).toEqual(['cat: /data/f: No such file or directory']);
  });

  it('refuses writes to read-only volumes with the shell\'s wording', () => {
    const cm = Volume.fromFiles({ 'app.conf': 'a=1\n' }, { readOnly: true });
    const r = run('busybox', { command: ['sh', '-c', 'cat /etc/config/app.conf; echo b=2 >> /etc/config/app.conf'], mounts: [{ path: '/etc/config', volume: cm }] });
    expect(r.stdout).toEqual(['a=1']);
    expect(r.stderr).toEqual(["sh: can't create /etc/config/app.conf: Read-only file system"]);
    expect(r.exit?.code).toBe(1);
  });

  it('runs a script mounted from a volume through its #! line', () => {
    const scripts = Volume.fromFiles({ 'run.sh': '#!/bin/sh\necho "args: $*"\nexit 4\n' });
    const r = run('alpine', { command: ['/scripts/run.sh', 'a', 'b'], mounts: [{ path: '/scripts', volume: scripts }] });
    expect(r.stdout).toEqual(['args: a b']);
    expect(r.exit?.code).toBe(4);
  });

  it('fails to start a shell in distroless images, and missing absolute paths, as runc reports', () => {
    const pause = startContainer({ name: 'c', image: pull('registry.k8s.io/pause:3.10'), command: ['sh', '-c', 'echo hi'], podName: 'p', startMs: 0, epochMs: 0 });
    expect(pause).toEqual({
      ok: false,
      reason: 'StartError',
      exitCode: 128,
      message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "sh": executable file not found in $PATH: unknown',
    });
    const bash = startContainer({ name: 'c', image: pull('alpine'), command: ['/bin/bash'], podName: 'p', startMs: 0, epochMs: 0 });
    expect(!bash.ok && bash.message).toContain('exec: "/bin/bash": stat /bin/bash: no such file or directory: unknown');
  });

  it('shell images without a command exit 0 at once (no stdin), which is why they crash-loop', () => {
    for (const image of ['busybox', 'alpine', 'ubuntu', 'debian', 'python:3.12-slim', 'node:22']) {
      expect(run(image).exit).toEqual({ code: 0, atMs: 0 });
    }
  });

  it('PID 1 ignores SIGTERM without a handler; a trap runs after the foreground command', () => {
    const sleeper = start('busybox', { command: ['sleep', '3600'] });
    sleeper.advance(1000);
    sleeper.stop(1000);
    expect(sleeper.advance(31_000).exit).toBeUndefined();
    sleeper.kill(31_000);
    expect(sleeper.advance(31_000).exit).toEqual({ code: 137, atMs: 31_000, signal: 'SIGKILL' });

    const trapped = start('busybox', { command: ['sh', '-c', "trap 'echo bye; exit 0' TERM; while true; do sleep 1; done"] });
    trapped.advance(5500);
    trapped.stop(5500);
    const r = drive(trapped, 10_000, 500, 5500);
    expect(r.lines).toEqual([{ atMs: 6000, stream: 'stdout', text: 'bye' }]);
    expect(r.exit?.code).toBe(0);

    const waiter = start('busybox', { command: ['sh', '-c', "trap 'echo term; exit 3' TERM; sleep 3600 & wait"] });
    waiter.advance(100);
    waiter.stop(100);
    expect(drive(waiter, 200, 100, 100).exit).toMatchObject({ code: 3, atMs: 100 });
  });

  it('redis prints its banner; http-echo, whoami and agnhost answer HTTP', () => {
    const redis = drive(start('redis:7.4'), 1000);
    expect(redis.stdout[0]).toBe('1:C 01 Jan 2025 00:00:00.010 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
    expect(redis.stdout.at(-1)).toMatch(/\* Ready to accept connections tcp$/);

    const echo = start('hashicorp/http-echo', { args: ['-text=hello world'] });
    drive(echo, 100);
    const res = echo.handleHttp(5678, { method: 'GET', host: 'x', path: '/', headers: {} }, 200);
    expect('body' in res && res.body).toBe('hello world\n');
    expect(run('hashicorp/http-echo').exit?.code).toBe(127);

    const agn = start('registry.k8s.io/e2e-test-images/agnhost:2.53', { args: ['netexec', '--http-port=8080'], podName: 'agn-0' });
    drive(agn, 100);
    const host = agn.handleHttp(8080, { method: 'GET', host: 'x', path: '/hostname', headers: {} }, 200);
    expect('body' in host && host.body).toBe('agn-0');
    const echoed = agn.handleHttp(8080, { method: 'GET', host: 'x', path: '/echo?msg=ping', headers: {} }, 200);
    expect('body' in echoed && echoed.body).toBe('ping');

    const who = start('traefik/whoami', { podName: 'who' });
    drive(who, 100);
    const w = who.handleHttp(80, { method: 'GET', host: 'svc', path: '/', headers: { 'User-Agent': 'curl/8.5.0' } }, 200);
    expect('body' in w && w.body.split('\r\n')[0]).toBe('Hostname: who');
  });

  it('reaches other pods through the host callbacks with wget, curl and nslookup', () => {
    const host = {
      resolve: (name: string) => ({ server: '10.96.0.10', answer: name.startsWith('web') ? { name: 'web.default.svc.cluster.local', addresses: ['10.96.0.20'] } : undefined }),
      http: (req: { host: string; path: string }) => (req.host.startsWith('web') ? { status: 200, body: `page ${req.path}\n` } : { error: 'no-such-host' as const }),
    };
    const r = run('busybox', { command: ['sh', '-c', 'wget -qO- http://web/x; nslookup web; nslookup nosuch; wget -qO- http://nosuch/ || echo rc=$?'] }, 10_000, host);
    expect(r.stdout).toEqual(['page /x', 'Server:\t\t10.96.0.10', 'Address:\t10.96.0.10:53', '', 'Name:\tweb.default.svc.cluster.local', 'Address: 10.96.0.20', '', 'Server:\t\t10.96.0.10', 'Address:\t10.96.0.10:53', '', "** server can't find nosuch: NXDOMAIN", '', 'rc=1']);
    expect(r.stderr).toEqual(["wget: bad address 'nosuch'"]);
    const c = run('curlimages/curl', { args: ['-s', 'http://web/'] }, 10_000, host);
    expect(c.stdout).toEqual(['page /']);
    const fail = run('curlimages/curl', { args: ['http://nosuch/'] }, 10_000, host);
    expect(fail.stderr).toEqual(['curl: (6) Could not resolve host: nosuch']);
    expect(fail.exit?.code).toBe(6);
    expect(() => run('busybox', { command: ['curl', 'http://web/'] })).toThrow('exec: "curl": executable file not found in $PATH');
    expect(run('busybox', { command: ['sh', '-c', 'curl http://web/'] }).stderr).toEqual(['sh: curl: not found']);
  });

  it('execs into a running container sharing its files', () => {
    const c = start('busybox', { command: ['sh', '-c', 'touch /tmp/healthy; sleep 3600'] });
    c.advance(1000);
    const probe = c.exec(['cat', '/tmp/healthy'], 1000);
    expect(probe.ok && probe.process.step(1000).exit?.code).toBe(0);
    const missing = c.exec(['cat', '/tmp/nope'], 1000);
    expect(missing.ok && missing.process.step(1000).exit?.code).toBe(1);
    const noBin = c.exec(['bash'], 1000);
    expect(!noBin.ok && noBin.message).toBe('OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown');
  });
});

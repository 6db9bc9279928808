/**
 * The images the simulation knows, described as their registries publish them: entrypoint and cmd from the image
 * config, exposed ports, compressed size (what the kubelet reports as "Image size" and what pull time depends
 * on), the stop signal containerd sends, which shell and tools are on $PATH, base files, and the program behind
 * each executable. Tags resolve to versions; an unknown tag of a known image is "not found" at pull time.
 */
import type { Signal } from '../process';
import type { Program } from '../sh/context';
import { shellProgram } from '../sh/shell-program';
import { utilities, BUSYBOX_APPLETS, DEBIAN_TOOLS } from '../sh/commands';
import { agnhostProgram, httpdProgram, httpEchoProgram, nginxEntrypoint, nginxProgram, pythonProgram, whoamiProgram, NGINX_DEFAULT_CONF, NGINX_INDEX } from '../programs/web';
import { memcachedProgram, mongoProgram, mysqlEntrypoint, postgresEntrypoint, rabbitmqProgram, redisProgram } from '../programs/data';
import { corednsProgram, etcdProgram, flannelProgram, kubeComponentProgram, nodeProgram, passthroughEntrypoint, pauseProgram } from '../programs/cluster';
import { curl } from '../sh/commands/network';

export type ShellKind = 'ash' | 'dash' | 'none';

/** Everything the runtime needs to know about one resolved image. */
export interface ImageConfig {
  /** Canonical `repository:tag` (or `@digest`) it was resolved from. */
  reference: string;
  repository: string;
  tag?: string;
  digest?: string;
  /** `sha256:…` image ID (config digest), as in containerStatuses[].imageID's digest part. */
  imageId: string;
  /** `repository@sha256:…`, what containerStatuses[].imageID shows. */
  repoDigest: string;
  /** Software version the tag resolved to (shown in start-up logs). */
  version: string;
  entrypoint: string[];
  cmd: string[];
  env: Record<string, string>;
  workingDir: string;
  /** `80/tcp` style, from EXPOSE. */
  exposedPorts: string[];
  sizeBytes: number;
  /** Resident memory once started, for metrics and OOM decisions. */
  memoryBytes: number;
  /** Typical time from start to listening/ready. */
  startupMs: number;
  stopSignal: Signal;
  /** What /bin/sh is, or none for distroless and scratch images. */
  shell: ShellKind;
  /** Executables by absolute path. */
  bin: Record<string, Program>;
  /** Files in the image's filesystem. */
  files: Record<string, string>;
}

type ImageBody = Omit<ImageConfig, 'reference' | 'repository' | 'tag' | 'digest' | 'imageId' | 'repoDigest' | 'version'>;

interface ImageFamily {
  repository: string;
  /** Tag → version; undefined when the registry has no such tag. */
  resolveTag(tag: string): string | undefined;
  build(version: string, tag: string): ImageBody;
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const MiB = 1024 * 1024;

function osRelease(name: string, id: string, version: string): Record<string, string> {
  return {
    '/etc/os-release': `PRETTY_NAME="${name}"\nNAME="${name.split(' ')[0]}"\nVERSION_ID="${version}"\nID=${id}\n`,
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n',
    '/etc/hosts': '127.0.0.1\tlocalhost\n',
  };
}

/** Executables of a base layer: the shell(s) and the utilities, at the paths that distribution puts them. */
function baseBin(kind: 'busybox' | 'debian', bash: boolean, extra: string[] = []): Record<string, Program> {
  const bin: Record<string, Program> = {};
  const tools = [...(kind === 'busybox' ? BUSYBOX_APPLETS : DEBIAN_TOOLS), ...extra];
  const dirs = kind === 'busybox' ? ['/bin', '/usr/bin', '/sbin', '/usr/sbin'] : ['/usr/bin', '/bin'];
  for (const t of tools) for (const d of dirs) if (utilities[t]) bin[`${d}/${t}`] = utilities[t];
  if (kind === 'busybox') {
    bin['/bin/sh'] = shellProgram('ash');
    bin['/bin/ash'] = shellProgram('ash');
  } else {
    for (const d of dirs) {
      bin[`${d}/sh`] = shellProgram('dash');
      bin[`${d}/dash`] = shellProgram('dash');
    }
  }
  if (bash) for (const d of kind === 'busybox' ? ['/bin', '/usr/bin'] : dirs) bin[`${d}/bash`] = shellProgram('bash');
  return bin;
}

interface BaseOptions {
  alpine?: boolean;
  slim?: boolean;
  extraTools?: string[];
  bash?: boolean;
}

function base(o: BaseOptions): Pick<ImageBody, 'shell' | 'bin' | 'files'> {
  if (o.alpine) {
    return { shell: 'ash', bin: baseBin('busybox', !!o.bash, o.extraTools), files: { ...osRelease('Alpine Linux v3.21', 'alpine', '3.21.2'), '/etc/alpine-release': '3.21.2\n' } };
  }
  return { shell: 'dash', bin: baseBin('debian', o.bash ?? true, o.extraTools), files: osRelease('Debian GNU/Linux 12 (bookworm)', 'debian', '12') };
}

/** `1.27` → `1.27.3` given the newest patch of each minor; exact versions must exist. */
function semverTags(latest: Record<string, number>, aliases: Record<string, string>, variants: string[] = []): (tag: string) => string | undefined {
  return (tag) => {
    let t = tag;
    for (const v of variants) {
      if (t === v) return resolveAlias('latest');
      if (t.endsWith(`-${v}`)) t = t.slice(0, -v.length - 1);
    }
    return resolveAlias(t);
    function resolveAlias(x: string): string | undefined {
      if (aliases[x]) return aliases[x];
      const m = /^(\d+)\.(\d+)(?:\.(\d+))?$/.exec(x) ?? /^(\d+)$/.exec(x);
      if (!m) return undefined;
      if (m[2] === undefined) return aliases[m[1]];
      const minor = `${m[1]}.${m[2]}`;
      const max = latest[minor];
      if (max === undefined) return undefined;
      if (m[3] !== undefined) return Number(m[3]) <= max ? x : undefined;
      return `${minor}.${max}`;
    }
  };
}

function listTags(map: Record<string, string>): (tag: string) => string | undefined {
  return (tag) => map[tag];
}

const variantOf = (tag: string) => ({ alpine: tag.includes('alpine'), slim: tag.includes('slim') });

const families: ImageFamily[] = [
  {
    repository: 'docker.io/library/nginx',
    resolveTag: semverTags(
      { '1.27': 3, '1.26': 2, '1.25': 5, '1.24': 0, '1.23': 4, '1.22': 1, '1.21': 6, '1.20': 2, '1.19': 10, '1.18': 0, '1.17': 10, '1.16': 1, '1.15': 12, '1.14': 2 },
      { latest: '1.27.3', mainline: '1.27.3', stable: '1.26.2', '1': '1.27.3' },
      ['alpine', 'alpine-slim', 'bookworm', 'perl'],
    ),
    build: (version, tag) => {
      const v = variantOf(tag);
      const [, minor] = version.split('.').map(Number);
      // The entrypoint script and its log lines arrived with nginx 1.19.
      const hasEntrypoint = minor >= 19;
      const b = base({ alpine: v.alpine, extraTools: v.alpine ? [] : ['curl'] });
      return {
        ...b,
        entrypoint: hasEntrypoint ? ['/docker-entrypoint.sh'] : [],
        cmd: ['nginx', '-g', 'daemon off;'],
        env: { PATH: DEFAULT_PATH, NGINX_VERSION: version, NJS_VERSION: '0.8.7', PKG_RELEASE: '1~bookworm' },
        workingDir: '/',
        exposedPorts: ['80/tcp'],
        sizeBytes: v.alpine ? 20_400_000 : 72_099_501,
        memoryBytes: 8 * MiB,
        startupMs: 100,
        stopSignal: 'SIGQUIT',
        bin: { ...b.bin, '/usr/sbin/nginx': nginxProgram(version), '/usr/sbin/nginx-debug': nginxProgram(version), ...(hasEntrypoint ? { '/docker-entrypoint.sh': nginxEntrypoint() } : {}) },
        files: { ...b.files, '/usr/share/nginx/html/index.html': NGINX_INDEX, '/usr/share/nginx/html/50x.html': '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n', '/etc/nginx/conf.d/default.conf': NGINX_DEFAULT_CONF, '/etc/nginx/nginx.conf': 'user  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /var/run/nginx.pid;\n\nevents {\n    worker_connections  1024;\n}\n\nhttp {\n    include /etc/nginx/conf.d/*.conf;\n}\n' },
      };
    },
  },
  {
    repository: 'docker.io/library/httpd',
    resolveTag: semverTags({ '2.4': 62 }, { latest: '2.4.62', '2': '2.4.62' }, ['alpine', 'bookworm']),
    build: (version, tag) => {
      const b = base({ alpine: variantOf(tag).alpine });
      return {
        ...b,
        entrypoint: [],
        cmd: ['httpd-foreground'],
        env: { PATH: `/usr/local/apache2/bin:${DEFAULT_PATH}`, HTTPD_PREFIX: '/usr/local/apache2', HTTPD_VERSION: version },
        workingDir: '/usr/local/apache2',
        exposedPorts: ['80/tcp'],
        sizeBytes: 58_300_000,
        memoryBytes: 12 * MiB,
        startupMs: 150,
        stopSignal: 'SIGWINCH',
        bin: { ...b.bin, '/usr/local/bin/httpd-foreground': httpdProgram(version), '/usr/local/apache2/bin/httpd': httpdProgram(version) },
        files: { ...b.files, '/usr/local/apache2/htdocs/index.html': '<html><body><h1>It works!</h1></body></html>\n' },
      };
    },
  },
  {
    repository: 'docker.io/library/redis',
    resolveTag: semverTags({ '7.4': 1, '7.2': 6, '7.0': 15, '6.2': 16 }, { latest: '7.4.1', '7': '7.4.1', '6': '6.2.16' }, ['alpine', 'bookworm']),
    build: (version, tag) => {
      const b = base({ alpine: variantOf(tag).alpine });
      return {
        ...b,
        entrypoint: ['docker-entrypoint.sh'],
        cmd: ['redis-server'],
        env: { PATH: DEFAULT_PATH, REDIS_VERSION: version },
        workingDir: '/data',
        exposedPorts: ['6379/tcp'],
        sizeBytes: variantOf(tag).alpine ? 17_200_000 : 45_100_000,
        memoryBytes: 4 * MiB,
        startupMs: 20,
        stopSignal: 'SIGTERM',
        bin: { ...b.bin, '/usr/local/bin/docker-entrypoint.sh': passthroughEntrypoint('redis-server'), '/usr/local/bin/redis-server': redisProgram(version) },
        files: { ...b.files, '/data/.keep': '' },
      };
    },
  },
  {
    repository: 'docker.io/library/postgres',
    resolveTag: semverTags({ '17': 2, '16': 6, '15': 10, '14': 15, '13': 18 }, { latest: '17.2', '17': '17.2', '16': '16.6', '15': '15.10', '14': '14.15', '13': '13.18' }, ['alpine', 'bookworm']),
    build: (version, tag) => {
      const b = base({ alpine: variantOf(tag).alpine });
      return {
        ...b,
        entrypoint: ['docker-entrypoint.sh'],
        cmd: ['postgres'],
        env: { PATH: `/usr/lib/postgresql/${version.split('.')[0]}/bin:${DEFAULT_PATH}`, PG_MAJOR: version.split('.')[0], PG_VERSION: version, PGDATA: '/var/lib/postgresql/data', LANG: 'en_US.utf8' },
        workingDir: '/',
        exposedPorts: ['5432/tcp'],
        sizeBytes: variantOf(tag).alpine ? 105_000_000 : 158_400_000,
        memoryBytes: 30 * MiB,
        startupMs: 2000,
        stopSignal: 'SIGINT',
        bin: { ...b.bin, '/usr/local/bin/docker-entrypoint.sh': postgresEntrypoint(version) },
        files: { ...b.files, '/var/lib/postgresql/data/.keep': '' },
      };
    },
  },
  {
    repository: 'docker.io/library/mysql',
    resolveTag: semverTags({ '9.1': 0, '8.4': 3, '8.0': 40, '5.7': 44 }, { latest: '9.1.0', '9': '9.1.0', '8': '8.4.3', lts: '8.4.3' }, ['oracle', 'oraclelinux9']),
    build: (version) => {
      const b = base({});
      return {
        ...b,
        entrypoint: ['docker-entrypoint.sh'],
        cmd: ['mysqld'],
        env: { PATH: DEFAULT_PATH, MYSQL_MAJOR: version.split('.').slice(0, 2).join('.'), MYSQL_VERSION: `${version}-1.el9` },
        workingDir: '/',
        exposedPorts: ['3306/tcp', '33060/tcp'],
        sizeBytes: 172_300_000,
        memoryBytes: 400 * MiB,
        startupMs: 10_000,
        stopSignal: 'SIGTERM',
        bin: { ...b.bin, '/usr/local/bin/docker-entrypoint.sh': mysqlEntrypoint(version) },
      };
    },
  },
  {
    repository: 'docker.io/library/mongo',
    resolveTag: semverTags({ '8.0': 4, '7.0': 16, '6.0': 19 }, { latest: '8.0.4', '8': '8.0.4', '7': '7.0.16', '6': '6.0.19' }, ['noble', 'jammy']),
    build: (version) => {
      const b = base({});
      return {
        ...b,
        entrypoint: ['docker-entrypoint.sh'],
        cmd: ['mongod'],
        env: { PATH: DEFAULT_PATH, MONGO_VERSION: version },
        workingDir: '/',
        exposedPorts: ['27017/tcp'],
        sizeBytes: 285_000_000,
        memoryBytes: 150 * MiB,
        startupMs: 1700,
        stopSignal: 'SIGTERM',
        bin: { ...b.bin, '/usr/local/bin/docker-entrypoint.sh': passthroughEntrypoint('mongod'), '/usr/bin/mongod': mongoProgram(version) },
      };
    },
  },
  {
    repository: 'docker.io/library/memcached',
    resolveTag: semverTags({ '1.6': 34 }, { latest: '1.6.34', '1': '1.6.34' }, ['alpine', 'bookworm']),
    build: (_version, tag) => {
      const b = base({ alpine: variantOf(tag).alpine });
      return {
        ...b,
        entrypoint: ['docker-entrypoint.sh'],
        cmd: ['memcached'],
        env: { PATH: DEFAULT_PATH },
        workingDir: '/',
        exposedPorts: ['11211/tcp'],
        sizeBytes: 33_000_000,
        memoryBytes: 3 * MiB,
        startupMs: 10,
        stopSignal: 'SIGTERM',
        bin: { ...b.bin, '/usr/local/bin/docker-entrypoint.sh': passthroughEntrypoint('memcached'), '/usr/local/bin/memcached': memcachedProgram() },
      };
    },
  },
  {
    repository: 'docker.io/library/rabbitmq',
    resolveTag: semverTags({ '4.0': 5, '3.13': 7, '3.12': 14 }, { latest: '4.0.5', '4': '4.0.5', '3': '3.13.7', management: '4.0.5' }, ['management', 'alpine', 'management-alpine']),
    build: (version, tag) => {
      const b = base({ alpine: variantOf(tag).alpine });
      return {
        ...b,
        entrypoint: ['docker-entrypoint.sh'],
        cmd: ['rabbitmq-server'],
        env: { PATH: `/opt/rabbitmq/sbin:${DEFAULT_PATH}`, RABBITMQ_VERSION: version },
        workingDir: '/',
        exposedPorts: ['4369/tcp', '5671/tcp', '5672/tcp', '15691/tcp', '15692/tcp', '25672/tcp', ...(tag.includes('management') ? ['15672/tcp'] : [])],
        sizeBytes: 96_000_000,
        memoryBytes: 120 * MiB,
        startupMs: 9000,
        stopSignal: 'SIGTERM',
        bin: { ...b.bin, '/usr/local/bin/docker-entrypoint.sh': passthroughEntrypoint('rabbitmq-server'), '/opt/rabbitmq/sbin/rabbitmq-server': rabbitmqProgram(version) },
      };
    },
  },
  {
    repository: 'docker.io/library/busybox',
    resolveTag: listTags({ latest: '1.37.0', '1.37': '1.37.0', '1.37.0': '1.37.0', '1.36': '1.36.1', '1.36.1': '1.36.1', '1.36.0': '1.36.0', '1.35': '1.35.0', '1.34': '1.34.1', '1.28': '1.28.4', stable: '1.37.0', musl: '1.37.0', glibc: '1.37.0', uclibc: '1.37.0', 'stable-musl': '1.37.0', '1.37-musl': '1.37.0', '1.36-musl': '1.36.1' }),
    build: () => ({
      ...base({ alpine: true }),
      files: { '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\n', '/etc/hosts': '127.0.0.1\tlocalhost\n' },
      entrypoint: [],
      cmd: ['sh'],
      env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
      workingDir: '/',
      exposedPorts: [],
      sizeBytes: 2_155_090,
      memoryBytes: 512 * 1024,
      startupMs: 0,
      stopSignal: 'SIGTERM',
    }),
  },
  {
    repository: 'docker.io/library/alpine',
    resolveTag: semverTags({ '3.21': 2, '3.20': 5, '3.19': 6, '3.18': 11, '3.17': 10 }, { latest: '3.21.2', '3': '3.21.2', edge: '3.22.0' }),
    build: () => ({
      ...base({ alpine: true }),
      entrypoint: [],
      cmd: ['/bin/sh'],
      env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
      workingDir: '/',
      exposedPorts: [],
      sizeBytes: 3_642_000,
      memoryBytes: 512 * 1024,
      startupMs: 0,
      stopSignal: 'SIGTERM',
    }),
  },
  {
    repository: 'docker.io/library/ubuntu',
    resolveTag: listTags({ latest: '24.04', '24.04': '24.04', noble: '24.04', '22.04': '22.04', jammy: '22.04', '20.04': '20.04', focal: '20.04', '24.10': '24.10', oracular: '24.10', rolling: '24.10' }),
    build: (version) => ({
      ...base({}),
      files: osRelease(`Ubuntu ${version}`, 'ubuntu', version),
      entrypoint: [],
      cmd: ['/bin/bash'],
      env: { PATH: DEFAULT_PATH },
      workingDir: '/',
      exposedPorts: [],
      sizeBytes: 29_754_000,
      memoryBytes: 1 * MiB,
      startupMs: 0,
      stopSignal: 'SIGTERM',
    }),
  },
  {
    repository: 'docker.io/library/debian',
    resolveTag: listTags({ latest: '12', '12': '12', bookworm: '12', 'bookworm-slim': '12', 'stable-slim': '12', stable: '12', '12-slim': '12', '11': '11', bullseye: '11', 'bullseye-slim': '11', '11-slim': '11', trixie: '13' }),
    build: () => ({
      ...base({}),
      entrypoint: [],
      cmd: ['bash'],
      env: { PATH: DEFAULT_PATH },
      workingDir: '/',
      exposedPorts: [],
      sizeBytes: 48_500_000,
      memoryBytes: 1 * MiB,
      startupMs: 0,
      stopSignal: 'SIGTERM',
    }),
  },
  {
    repository: 'docker.io/library/python',
    resolveTag: semverTags({ '3.13': 1, '3.12': 8, '3.11': 11, '3.10': 16, '3.9': 21, '3.8': 20 }, { latest: '3.13.1', '3': '3.13.1' }, ['slim', 'alpine', 'bookworm', 'slim-bookworm']),
    build: (version, tag) => {
      const v = variantOf(tag);
      const b = base({ alpine: v.alpine, extraTools: v.alpine || v.slim ? [] : ['curl', 'wget'] });
      const py = pythonProgram(version);
      return {
        ...b,
        entrypoint: [],
        cmd: ['python3'],
        env: { PATH: DEFAULT_PATH, LANG: 'C.UTF-8', PYTHON_VERSION: version },
        workingDir: '/',
        exposedPorts: [],
        sizeBytes: v.alpine ? 18_000_000 : v.slim ? 45_000_000 : 388_000_000,
        memoryBytes: 20 * MiB,
        startupMs: 80,
        stopSignal: 'SIGTERM',
        bin: { ...b.bin, '/usr/local/bin/python3': py, '/usr/local/bin/python': py },
      };
    },
  },
  {
    repository: 'docker.io/library/node',
    resolveTag: semverTags({ '23.5': 0, '22.12': 0, '20.18': 1, '18.20': 5 }, { latest: '23.5.0', current: '23.5.0', lts: '22.12.0', '23': '23.5.0', '22': '22.12.0', '20': '20.18.1', '18': '18.20.5' }, ['alpine', 'slim', 'bookworm', 'bookworm-slim']),
    build: (version, tag) => {
      const v = variantOf(tag);
      const b = base({ alpine: v.alpine, extraTools: v.alpine || v.slim ? [] : ['curl', 'wget'] });
      return {
        ...b,
        entrypoint: ['docker-entrypoint.sh'],
        cmd: ['node'],
        env: { PATH: DEFAULT_PATH, NODE_VERSION: version, YARN_VERSION: '1.22.22' },
        workingDir: '/',
        exposedPorts: [],
        sizeBytes: v.alpine ? 48_000_000 : v.slim ? 72_000_000 : 389_000_000,
        memoryBytes: 40 * MiB,
        startupMs: 100,
        stopSignal: 'SIGTERM',
        bin: { ...b.bin, '/usr/local/bin/docker-entrypoint.sh': passthroughEntrypoint('node'), '/usr/local/bin/node': nodeProgram(version) },
      };
    },
  },
  {
    repository: 'docker.io/library/golang',
    resolveTag: semverTags({ '1.23': 4, '1.22': 10, '1.21': 13 }, { latest: '1.23.4', '1': '1.23.4' }, ['alpine', 'bookworm']),
    build: (version, tag) => {
      const v = variantOf(tag);
      const b = base({ alpine: v.alpine, extraTools: v.alpine ? [] : ['curl', 'wget'] });
      return {
        ...b,
        entrypoint: [],
        cmd: v.alpine ? ['/bin/sh'] : ['bash'],
        env: { PATH: `/go/bin:/usr/local/go/bin:${DEFAULT_PATH}`, GOLANG_VERSION: version, GOPATH: '/go' },
        workingDir: '/go',
        exposedPorts: [],
        sizeBytes: v.alpine ? 78_000_000 : 296_000_000,
        memoryBytes: 2 * MiB,
        startupMs: 0,
        stopSignal: 'SIGTERM',
      };
    },
  },
  {
    repository: 'docker.io/curlimages/curl',
    resolveTag: listTags({ latest: '8.11.1', '8.11.1': '8.11.1', '8.11.0': '8.11.0', '8.10.1': '8.10.1', '8.9.1': '8.9.1', '8.8.0': '8.8.0', '8.5.0': '8.5.0', '8.4.0': '8.4.0', '7.85.0': '7.85.0' }),
    build: () => {
      const b = base({ alpine: true });
      return {
        ...b,
        entrypoint: ['/entrypoint.sh'],
        cmd: ['curl'],
        env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
        workingDir: '/home/curl_user',
        exposedPorts: [],
        sizeBytes: 11_300_000,
        memoryBytes: 2 * MiB,
        startupMs: 0,
        stopSignal: 'SIGTERM',
        bin: { ...b.bin, '/usr/bin/curl': curl, '/entrypoint.sh': passthroughEntrypoint('curl') },
      };
    },
  },
  {
    repository: 'docker.io/hashicorp/http-echo',
    resolveTag: listTags({ latest: '1.0.0', '1.0': '1.0.0', '1.0.0': '1.0.0', '0.2.3': '0.2.3' }),
    build: () => distroless({ entrypoint: ['/http-echo'], bin: { '/http-echo': httpEchoProgram() }, exposedPorts: ['5678/tcp'], sizeBytes: 3_900_000, memoryBytes: 3 * MiB, startupMs: 5 }),
  },
  {
    repository: 'docker.io/traefik/whoami',
    resolveTag: listTags({ latest: 'v1.10.3', 'v1.10': 'v1.10.3', 'v1.10.3': 'v1.10.3', 'v1.10.2': 'v1.10.2', 'v1.10.1': 'v1.10.1', 'v1.9.0': 'v1.9.0', 'v1.8.7': 'v1.8.7' }),
    build: () => distroless({ entrypoint: ['/whoami'], bin: { '/whoami': whoamiProgram() }, exposedPorts: ['80/tcp'], sizeBytes: 3_500_000, memoryBytes: 3 * MiB, startupMs: 5 }),
  },
  {
    repository: 'registry.k8s.io/pause',
    resolveTag: listTags({ '3.10': '3.10', '3.9': '3.9', '3.8': '3.8', '3.7': '3.7', '3.6': '3.6', '3.5': '3.5', '3.4.1': '3.4.1', '3.2': '3.2', '3.1': '3.1', latest: '3.10' }),
    build: () => ({ ...distroless({ entrypoint: ['/pause'], bin: { '/pause': pauseProgram() }, exposedPorts: [], sizeBytes: 320_368, memoryBytes: 300 * 1024, startupMs: 0 }) }),
  },
  {
    repository: 'registry.k8s.io/e2e-test-images/agnhost',
    resolveTag: (tag) => (/^2\.(3[3-9]|4\d|5[0-3])$/.test(tag) ? tag : undefined),
    build: (version) => {
      // agnhost is built on busybox-ish base images: it has a shell.
      const b = base({ alpine: true, extraTools: ['curl'] });
      return {
        ...b,
        entrypoint: ['/agnhost'],
        cmd: [],
        env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
        workingDir: '/',
        exposedPorts: ['80/tcp', '8080/tcp', '8081/udp'],
        sizeBytes: 51_200_000,
        memoryBytes: 8 * MiB,
        startupMs: 20,
        stopSignal: 'SIGTERM',
        bin: { ...b.bin, '/agnhost': agnhostProgram(version) },
      };
    },
  },
  {
    repository: 'registry.k8s.io/etcd',
    resolveTag: listTags({ '3.5.16-0': '3.5.16', '3.5.15-0': '3.5.15', '3.5.12-0': '3.5.12', '3.5.10-0': '3.5.10', '3.5.9-0': '3.5.9' }),
    build: (version) => distroless({ entrypoint: [], cmd: ['/usr/local/bin/etcd'], bin: { '/usr/local/bin/etcd': etcdProgram(version) }, exposedPorts: ['2379/tcp', '2380/tcp'], sizeBytes: 57_100_000, memoryBytes: 40 * MiB, startupMs: 1000 }),
  },
  ...['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kube-proxy'].map(
    (component): ImageFamily => ({
      repository: `registry.k8s.io/${component}`,
      resolveTag: (tag) => (/^v1\.(2[6-9]|3[0-2])\.(\d|1\d)$/.test(tag) ? tag : undefined),
      build: (version) =>
        distroless({
          entrypoint: [],
          cmd: [],
          bin: { [`/usr/local/bin/${component}`]: kubeComponentProgram(component, version) },
          exposedPorts: [],
          sizeBytes: { 'kube-apiserver': 28_000_000, 'kube-controller-manager': 26_200_000, 'kube-scheduler': 20_600_000, 'kube-proxy': 30_900_000 }[component] as number,
          memoryBytes: (component === 'kube-apiserver' ? 250 : 40) * MiB,
          startupMs: 1000,
        }),
    }),
  ),
  {
    repository: 'registry.k8s.io/coredns/coredns',
    resolveTag: listTags({ 'v1.11.3': '1.11.3', 'v1.11.1': '1.11.1', 'v1.10.1': '1.10.1', 'v1.9.3': '1.9.3' }),
    build: (version) => distroless({ entrypoint: ['/coredns'], bin: { '/coredns': corednsProgram(version) }, exposedPorts: ['53/tcp', '53/udp', '9153/tcp'], sizeBytes: 18_562_039, memoryBytes: 15 * MiB, startupMs: 500 }),
  },
  ...['docker.io/flannel/flannel', 'ghcr.io/flannel-io/flannel'].map(
    (repository): ImageFamily => ({
      repository,
      resolveTag: (tag) => (/^v0\.2[4-6]\.\d$/.test(tag) ? tag : undefined),
      build: (version) => {
        const b = base({ alpine: true });
        return {
          ...b,
          entrypoint: ['/opt/bin/flanneld'],
          cmd: [],
          env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' },
          workingDir: '/',
          exposedPorts: [],
          sizeBytes: 32_100_000,
          memoryBytes: 12 * MiB,
          startupMs: 1000,
          stopSignal: 'SIGTERM',
          bin: { ...b.bin, '/opt/bin/flanneld': flannelProgram(version) },
        };
      },
    }),
  ),
];

/** A distroless or scratch image: one binary, no shell, no tools. */
function distroless(o: Pick<ImageBody, 'entrypoint' | 'bin' | 'exposedPorts' | 'sizeBytes' | 'memoryBytes' | 'startupMs'> & { cmd?: string[] }): ImageBody {
  return {
    entrypoint: o.entrypoint,
    cmd: o.cmd ?? [],
    env: { PATH: DEFAULT_PATH },
    workingDir: '/',
    exposedPorts: o.exposedPorts,
    sizeBytes: o.sizeBytes,
    memoryBytes: o.memoryBytes,
    startupMs: o.startupMs,
    stopSignal: 'SIGTERM',
    shell: 'none',
    bin: o.bin,
    files: { '/etc/passwd': 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n' },
  };
}

const byRepository = new Map(families.map((f) => [f.repository, f]));

export function findFamily(repository: string): ImageFamily | undefined {
  return byRepository.get(repository);
}

export function knownRepositories(): string[] {
  return [...byRepository.keys()];
}

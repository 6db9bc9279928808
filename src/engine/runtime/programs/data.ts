/** Datastores and brokers: redis, postgres, mysql, mongo, memcached, rabbitmq — with their real start-up text. */
import type { Program } from '../sh/context';
import { runPlan, type LogLine } from './lifecycle';
import { execArgs } from './web';

const out = (text: string): LogLine => ({ stream: 'stdout', text });
const errl = (text: string): LogLine => ({ stream: 'stderr', text });

export function redisProgram(version: string): Program {
  return (ctx) => {
    const args = ctx.argv.slice(1);
    const portArg = args.indexOf('--port');
    const port = portArg >= 0 ? Number(args[portArg + 1]) : 6379;
    const c = (t: string) => out(`1:C {ts:%d %b %Y %H:%M:%S.%L} ${t}`);
    const m = (t: string) => out(`1:M {ts:%d %b %Y %H:%M:%S.%L} ${t}`);
    const noConfig = !args.some((a) => a.endsWith('.conf'));
    return runPlan(ctx, {
      stages: [
        {
          afterMs: 10,
          log: [
            c('* oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'),
            c(`* Redis version=${version}, bits=64, commit=00000000, modified=0, pid=1, just started`),
            noConfig
              ? c('# Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf')
              : c('* Configuration loaded'),
            m('* monotonic clock: POSIX clock_gettime'),
            m(`* Running mode=standalone, port=${port}.`),
          ],
          listen: [{ port, protocol: 'TCP' }],
        },
        { afterMs: 2, log: [m('* Server initialized'), m('* Ready to accept connections tcp')] },
      ],
      bindFailure: (p) => ({
        retries: [],
        retryEveryMs: 0,
        final: { code: 1, log: [m(`# Warning: Could not create server TCP listening socket *:${p}: bind: Address already in use`), m(`# Failed listening on port ${p} (tcp), aborting.`)] },
      }),
      shutdown: {
        SIGTERM: {
          code: 0,
          afterMs: 100,
          log: [
            out('1:signal-handler ({ts:%s}) Received SIGTERM scheduling shutdown...'),
            m('* User requested shutdown...'),
            m('* Saving the final RDB snapshot before exiting.'),
            m('* DB saved on disk'),
            m('# Redis is now ready to exit, bye bye...'),
          ],
        },
        SIGINT: { code: 0, afterMs: 100, log: [out('1:signal-handler ({ts:%s}) Received SIGINT scheduling shutdown...'), m('# Redis is now ready to exit, bye bye...')] },
      },
    });
  };
}

const PGDATA = '/var/lib/postgresql/data';

/** postgres's docker-entrypoint.sh: refuses to initialise without a password, initdb on first start, then postgres. */
export function postgresEntrypoint(version: string): Program {
  return function* (ctx) {
    const args = ctx.argv.slice(1);
    const first = args[0] ?? '';
    if (first !== 'postgres' && !first.startsWith('-')) return yield* execArgs(ctx, args);
    const pgdata = ctx.env.PGDATA ?? PGDATA;
    const initialised = ctx.sys.fs.stat(`${pgdata}/PG_VERSION`) === 'file';
    const ts = '{ts:%Y-%m-%d %H:%M:%S.%L} UTC';
    const major = version.split('.')[0];
    if (!initialised) {
      if (!ctx.env.POSTGRES_PASSWORD && ctx.env.POSTGRES_HOST_AUTH_METHOD !== 'trust') {
        yield { k: 'sleep', ms: 20 };
        ctx.stderr.write(
          [
            'Error: Database is uninitialized and superuser password is not specified.',
            '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
            '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
            '',
            '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
            '       connections without a password. This is *not* recommended.',
            '',
            '       See PostgreSQL documentation about "trust":',
            '       https://www.postgresql.org/docs/current/auth-trust.html',
            '',
          ].join('\n'),
        );
        return 1;
      }
      const user = ctx.env.POSTGRES_USER ?? 'postgres';
      return yield* runPlan(ctx, {
        stages: [
          {
            afterMs: 100,
            log: [
              out('The files belonging to this database system will be owned by user "postgres".'),
              out('This user must also own the server process.'),
              out(''),
              out('The database cluster will be initialized with locale "en_US.utf8".'),
              out('The default database encoding has accordingly been set to "UTF8".'),
              out('The default text search configuration will be set to "english".'),
              out(''),
              out('Data page checksums are disabled.'),
              out(''),
              out(`fixing permissions on existing directory ${pgdata} ... ok`),
              out('creating subdirectories ... ok'),
              out('selecting dynamic shared memory implementation ... posix'),
              out('selecting default "max_connections" ... 100'),
              out('selecting default "shared_buffers" ... 128MB'),
              out('selecting default time zone ... Etc/UTC'),
              out('creating configuration files ... ok'),
            ],
          },
          {
            afterMs: 1500,
            write: { [`${pgdata}/PG_VERSION`]: `${major}\n`, [`${pgdata}/postgresql.conf`]: "listen_addresses = '*'\n" },
            log: [
              out('running bootstrap script ... ok'),
              out('performing post-bootstrap initialization ... ok'),
              out('syncing data to disk ... ok'),
              out(''),
              out(''),
              out('Success. You can now start the database server using:'),
              out(''),
              out(`    pg_ctl -D ${pgdata} -l logfile start`),
              out(''),
              errl('initdb: warning: enabling "trust" authentication for local connections'),
              errl('initdb: hint: You can change this by editing pg_hba.conf or using the option -A, or --auth-local and --auth-host, the next time you run initdb.'),
              out('waiting for server to start....' + `${ts} [48] LOG:  starting PostgreSQL ${version} (Debian ${version}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`),
              out(`${ts} [48] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"`),
              out(`${ts} [48] LOG:  database system is ready to accept connections`),
              out(' done'),
              out('server started'),
              ...(user !== 'postgres' || ctx.env.POSTGRES_DB ? [out(`CREATE DATABASE`)] : []),
              out(''),
              out(''),
              out('/usr/local/bin/docker-entrypoint.sh: ignoring /docker-entrypoint-initdb.d/*'),
              out(''),
              out('waiting for server to shut down....' + `${ts} [48] LOG:  database system is shut down`),
              out(' done'),
              out('server stopped'),
              out(''),
              out('PostgreSQL init process complete; ready for start up.'),
              out(''),
            ],
          },
          ...postgresServerStages(version, ts, 300),
        ],
        shutdown: postgresShutdown(ts),
      });
    }
    return yield* runPlan(ctx, {
      stages: [
        { afterMs: 10, log: [out(''), out('PostgreSQL Database directory appears to contain a database; Skipping initialization'), out('')] },
        ...postgresServerStages(version, ts, 200),
      ],
      shutdown: postgresShutdown(ts),
    });
  };
}

function postgresServerStages(version: string, ts: string, afterMs: number) {
  return [
    {
      afterMs,
      log: [
        errl(`${ts} [1] LOG:  starting PostgreSQL ${version} (Debian ${version}-1.pgdg120+1) on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`),
        errl(`${ts} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`),
        errl(`${ts} [1] LOG:  listening on IPv6 address "::", port 5432`),
        errl(`${ts} [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"`),
      ],
      listen: [{ port: 5432, protocol: 'TCP' as const }],
    },
    { afterMs: 20, log: [errl(`${ts} [64] LOG:  database system was shut down at {ts:%Y-%m-%d %H:%M:%S} UTC`), errl(`${ts} [1] LOG:  database system is ready to accept connections`)] },
  ];
}

function postgresShutdown(ts: string) {
  return {
    // The postgres image's STOPSIGNAL is SIGINT: a fast shutdown.
    SIGINT: {
      code: 0,
      afterMs: 50,
      log: [
        errl(`${ts} [1] LOG:  received fast shutdown request`),
        errl(`${ts} [1] LOG:  aborting any active transactions`),
        errl(`${ts} [1] LOG:  background worker "logical replication launcher" (PID 67) exited with exit code 1`),
        errl(`${ts} [62] LOG:  shutting down`),
        errl(`${ts} [62] LOG:  checkpoint starting: shutdown immediate`),
        errl(`${ts} [62] LOG:  checkpoint complete: wrote 0 buffers (0.0%); 0 WAL file(s) added, 0 removed, 0 recycled`),
        errl(`${ts} [1] LOG:  database system is shut down`),
      ],
    },
    SIGTERM: { code: 0, afterMs: 50, log: [errl(`${ts} [1] LOG:  received smart shutdown request`), errl(`${ts} [1] LOG:  database system is shut down`)] },
  };
}

export function mysqlEntrypoint(version: string): Program {
  return function* (ctx) {
    const args = ctx.argv.slice(1);
    if (args[0] !== 'mysqld' && !(args[0] ?? '').startsWith('-')) return yield* execArgs(ctx, args);
    const note = (t: string) => out(`{ts:%Y-%m-%d %H:%M:%S}+00:00 [Note] [Entrypoint]: ${t}`);
    const started = note(`Entrypoint script for MySQL Server ${version}-1.el9 started.`);
    const initialised = ctx.sys.fs.stat('/var/lib/mysql/mysql') !== undefined;
    const hasPassword = ctx.env.MYSQL_ROOT_PASSWORD || ctx.env.MYSQL_ALLOW_EMPTY_PASSWORD || ctx.env.MYSQL_RANDOM_ROOT_PASSWORD;
    if (!initialised && !hasPassword) {
      return yield* runPlan(ctx, {
        stages: [
          { afterMs: 30, log: [started, note("Switching to dedicated user 'mysql'"), started] },
          {
            afterMs: 50,
            log: [
              errl('{ts:%Y-%m-%d %H:%M:%S}+00:00 [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified'),
              errl('    You need to specify one of the following as an environment variable:'),
              errl('    - MYSQL_ROOT_PASSWORD'),
              errl('    - MYSQL_ALLOW_EMPTY_PASSWORD'),
              errl('    - MYSQL_RANDOM_ROOT_PASSWORD'),
            ],
          },
        ],
        exit: { code: 1 },
      });
    }
    const sys = (t: string) => errl(`{ts:%Y-%m-%dT%H:%M:%S.%f}Z 0 [System] [MY-${t}`);
    return yield* runPlan(ctx, {
      stages: [
        { afterMs: 30, log: [started, note("Switching to dedicated user 'mysql'"), started] },
        ...(initialised
          ? []
          : [
              {
                afterMs: 50,
                log: [note('Initializing database files'), sys(`013169] [Server] /usr/sbin/mysqld (mysqld ${version}) initializing of server in progress as process 80`)],
              },
              {
                afterMs: 8000,
                write: { '/var/lib/mysql/mysql/.keep': '' },
                log: [note('Database files initialized'), note('Starting temporary server'), note('Temporary server started.'), note('Stopping temporary server'), note('Temporary server stopped'), out(''), note('MySQL init process done. Ready for start up.'), out('')],
              },
            ]),
        {
          afterMs: 2000,
          log: [sys(`010116] [Server] /usr/sbin/mysqld (mysqld ${version}) starting as process 1`), sys(`010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${version}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`)],
          listen: [
            { port: 3306, protocol: 'TCP' },
            { port: 33060, protocol: 'TCP' },
          ],
        },
      ],
      shutdown: { SIGTERM: { code: 0, afterMs: 500, log: [sys(`013172] [Server] Received SHUTDOWN from user <via user signal>. Shutting down mysqld (Version: ${version}).`), sys(`010910] [Server] /usr/sbin/mysqld: Shutdown complete (mysqld ${version})  MySQL Community Server - GPL.`)] } },
    });
  };
}

export function mongoProgram(version: string): Program {
  return (ctx) => {
    const j = (c: string, id: number, ctxName: string, msg: string, attr: string) =>
      out(`{"t":{"$date":"{ts:%Y-%m-%dT%H:%M:%S.%L}+00:00"},"s":"I",  "c":"${c}", "id":${id}, "ctx":"${ctxName}","msg":"${msg}","attr":${attr}}`);
    return runPlan(ctx, {
      stages: [
        { afterMs: 200, log: [j('CONTROL', 23285, 'main', 'Automatically disabling TLS 1.0, to force-enable TLS 1.0 specify --sslDisabledProtocols \'none\'', '{}'), j('CONTROL', 4615611, 'initandlisten', 'MongoDB starting', `{"pid":1,"port":27017,"dbPath":"/data/db","architecture":"64-bit","host":"${ctx.sys.hostname}"}`), j('CONTROL', 23403, 'initandlisten', 'Build Info', `{"buildInfo":{"version":"${version}"}}`)] },
        { afterMs: 1500, log: [j('NETWORK', 23015, 'listener', 'Listening on', '{"address":"0.0.0.0"}'), j('NETWORK', 23016, 'listener', 'Waiting for connections', '{"port":27017,"ssl":"off"}')], listen: [{ port: 27017, protocol: 'TCP' }] },
      ],
      shutdown: { SIGTERM: { code: 0, afterMs: 300, log: [j('CONTROL', 23377, 'SignalHandler', 'Received signal', '{"signal":15,"error":"Terminated"}'), j('CONTROL', 20565, 'SignalHandler', 'Now exiting', '{}')] } },
    });
  };
}

export function memcachedProgram(): Program {
  return (ctx) => {
    const args = ctx.argv.slice(1);
    const p = args.indexOf('-p');
    const port = p >= 0 ? Number(args[p + 1]) : 11211;
    return runPlan(ctx, {
      stages: [{ afterMs: 10, listen: [{ port, protocol: 'TCP' }] }],
      bindFailure: () => ({ retries: [], retryEveryMs: 0, final: { code: 71, log: [errl('failed to listen on TCP port 11211: Address already in use')] } }),
      shutdown: { SIGTERM: { code: 0, log: [errl('Signal handled: Terminated.')] } },
    });
  };
}

export function rabbitmqProgram(version: string): Program {
  return (ctx) => {
    const l = (t: string) => out(`{ts:%Y-%m-%d %H:%M:%S.%f}+00:00 [info] <0.9.0> ${t}`);
    return runPlan(ctx, {
      stages: [
        { afterMs: 3000, log: [l('Starting RabbitMQ ' + version + ' on Erlang 27.1.2 [jit]'), l(' Starting broker...')], listen: [{ port: 4369, protocol: 'TCP' }] },
        { afterMs: 6000, log: [l('Ready to start client connection listeners'), l('started TCP listener on [::]:5672'), out(' completed with 4 plugins.'), l('Server startup complete; 4 plugins started.')], listen: [{ port: 5672, protocol: 'TCP' }, { port: 15692, protocol: 'TCP' }] },
      ],
      shutdown: { SIGTERM: { code: 0, afterMs: 2000, log: [l('RabbitMQ is asked to stop...'), l('Successfully stopped RabbitMQ and its dependencies')] } },
    });
  };
}

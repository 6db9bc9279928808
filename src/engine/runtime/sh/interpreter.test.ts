import { describe, expect, it } from 'vitest';
import { drive, run, start } from '../testing/run';

const sh = (script: string) => ({ command: ['sh', '-c', script] });

describe('sh on virtual time', () => {
  it('timestamps loop output by the virtual clock and exits with the script status', () => {
    const r = run('busybox', sh('for i in 1 2 3; do echo $i; sleep 1; done; exit 3'));
    expect(r.lines.map((l) => [l.text, l.atMs])).toEqual([
      ['1', 0],
      ['2', 1000],
      ['3', 2000],
    ]);
    expect(r.exit).toEqual({ code: 3, atMs: 3000 });
  });

  it('gives the same timestamps however coarsely it is stepped', () => {
    const c = start('busybox', sh('for i in 1 2 3; do echo $i; sleep 1; done'));
    const r = drive(c, 10_000, 10_000);
    expect(r.lines.map((l) => l.atMs)).toEqual([0, 1000, 2000]);
    expect(r.exit?.atMs).toBe(3000);
  });

  it('reports unknown commands as each shell does', () => {
    const bb = run('busybox', { ...sh('echo $HOME; foo'), env: [{ name: 'HOME', value: '/home/x' }] });
    expect(bb.stdout).toEqual(['/home/x']);
    expect(bb.stderr).toEqual(['sh: foo: not found']);
    expect(bb.exit?.code).toBe(127);
    expect(run('debian', sh('true\nfoo')).stderr).toEqual(['sh: 2: foo: not found']);
    expect(run('ubuntu', { command: ['bash', '-c', 'foo'] }).stderr).toEqual(['bash: line 1: foo: command not found']);
  });

  it('runs a Job-like sleep to completion', () => {
    const r = run('busybox', { command: ['sleep', '5'] });
    expect(r.exit).toEqual({ code: 0, atMs: 5000 });
    expect(run('busybox', { command: ['sleep', '1m'] }, 120_000).exit?.atMs).toBe(60_000);
    expect(run('busybox', { command: ['sleep', 'abc'] }).stderr).toEqual(["sleep: invalid number 'abc'"]);
    expect(run('ubuntu', { command: ['sleep', 'abc'] }).stderr[0]).toBe("sleep: invalid time interval 'abc'");
  });

  it('keeps running forever without growing: while true with sleep, sleep infinity, tail -f /dev/null', () => {
    const c = start('busybox', sh('while true; do echo hi; sleep 1; done'));
    let count = 0;
    for (let t = 0; t <= 3_600_000; t += 60_000) count += c.advance(t).output.length;
    expect(count).toBe(3601);
    expect(c.exit).toBeUndefined();
    for (const cmd of [['sleep', 'infinity'], ['tail', '-f', '/dev/null'], ['sh', '-c', 'sleep 3600']]) {
      const k = start('busybox', { command: cmd });
      expect(k.advance(1_000_000).wakeAtMs).toBe(cmd[2] === 'sleep 3600' ? 3_600_000 : undefined);
      expect(k.exit).toBeUndefined();
    }
  });

  it('still advances time in a loop that never sleeps', () => {
    const c = start('busybox', sh('i=0; while true; do i=$((i+1)); done'));
    const r = c.advance(10_000);
    expect(r.exit).toBeUndefined();
    expect(r.wakeAtMs).toBeGreaterThanOrEqual(10_000);
  });

  it('supports pipes, redirections and here-documents', () => {
    const r = run(
      'busybox',
      sh(`printf 'b\\na\\nc\\n' | sort | head -n 2
echo one > /tmp/f; echo two >> /tmp/f; wc -l < /tmp/f
cat /tmp/f | grep -c o
ls /nope 2>&1 | tr a-z A-Z
echo err >&2
cat <<EOF
home=$HOME
EOF
echo "$(echo nested) $((6 * 7))"`),
    );
    expect(r.stdout).toEqual(['a', 'b', '2', '2', 'LS: /NOPE: NO SUCH FILE OR DIRECTORY', 'home=/root', 'nested 42']);
    expect(r.stderr).toEqual(['err']);
    expect(r.exit?.code).toBe(0);
  });

  it('does conditionals, tests, $?, && and ||, case, functions and expr', () => {
    const r = run(
      'busybox',
      sh(`false; echo "status=$?"
if [ -f /etc/passwd ] && [ "$X" = "" ]; then echo yes; else echo no; fi
[ 3 -gt 5 ] || echo small
test -d /nope && echo dir || echo nodir
case "$HOSTNAME" in pod-*) echo matched;; *) echo other;; esac
greet() { echo "hello $1"; return 4; }; greet world; echo $?
expr 2 + 3
for f in $(seq 3); do printf '%02d ' $f; done; echo
n=0; while [ $n -lt 3 ]; do n=$((n+1)); done; echo n=$n
echo \${UNSET:-default} \${#HOSTNAME}`),
    );
    expect(r.stdout).toEqual(['status=1', 'yes', 'small', 'nodir', 'matched', 'hello world', '4', '5', '01 02 03 ', 'n=3', 'default 5']);
  });

  it('prints date and hostname from the simulation', () => {
    const r = run('busybox', { ...sh('sleep 61; date; date +%Y-%m-%dT%H:%M:%S; hostname'), hostname: 'web-0' }, 120_000);
    expect(r.stdout).toEqual(['Wed Jan  1 00:01:01 UTC 2025', '2025-01-01T00:01:01', 'web-0']);
  });

  it('words syntax errors as busybox, dash and bash do', () => {
    const bb = run('busybox', sh('for i in 1 2; do echo $i'));
    expect(bb.stderr).toEqual(['sh: syntax error: unexpected end of file (expecting "done")']);
    expect(bb.exit?.code).toBe(2);
    expect(run('busybox', sh('echo hi; done')).stderr).toEqual(['sh: syntax error: unexpected "done"']);
    expect(run('busybox', sh('echo "unterminated')).stderr).toEqual(['sh: syntax error: unterminated quoted string']);
    expect(run('debian', sh('if true; then echo x')).stderr).toEqual(['sh: 1: Syntax error: end of file unexpected (expecting "fi")']);
    expect(run('debian', { command: ['bash', '-c', 'echo a; fi'] }).stderr).toEqual(["bash: -c: line 1: syntax error near unexpected token `fi'", "bash: -c: line 1: `echo a; fi'"]);
  });

  it('expands variables from the container environment and $(VAR) in args', () => {
    const r = run('busybox', {
      command: ['sh', '-c'],
      args: ['echo "$GREETING, $(NAME) and ${NAME}"'],
      env: [
        { name: 'NAME', value: 'world' },
        { name: 'GREETING', value: 'hello' },
      ],
    });
    expect(r.stdout).toEqual(['hello, world and world']);
    expect(run('busybox', { command: ['printenv', 'PATH'] }).stdout).toEqual(['/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin']);
  });

  it('distinguishes dash echo from busybox echo', () => {
    expect(run('debian', sh('echo -e "a\\tb"')).stdout).toEqual(['-e a\tb']);
    expect(run('busybox', sh('echo -e "a\\tb"; echo -n x; echo y')).stdout).toEqual(['a\tb', 'xy']);
  });

  it('runs background jobs and wait', () => {
    const r = run('busybox', sh('(sleep 2; echo late) & echo early; wait; echo done'));
    expect(r.lines.map((l) => [l.text, l.atMs])).toEqual([
      ['early', 0],
      ['late', 2000],
      ['done', 2000],
    ]);
  });

  it('honours set -e', () => {
    const r = run('busybox', sh('set -e; echo a; false; echo b'));
    expect(r.stdout).toEqual(['a']);
    expect(r.exit?.code).toBe(1);
  });
});

import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { isoSeconds } from '../../engine';
import { rowFor, toTable } from './index';

const NOW = 1_735_689_600_000; // 2025-01-01T00:00:00Z
const ago = (ms: number) => isoSeconds(NOW - ms);
const MIN = 60_000;

function pod(spec: Partial<Pod['spec']> & object, status: Pod['status'], meta: Pod['metadata'] = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: ago(10 * MIN), ...meta },
    spec: { containers: [{ name: 'app', image: 'nginx' }], ...spec },
    status,
  };
}

/** NAME READY STATUS RESTARTS AGE — the columns kubectl shows without -o wide. */
const cells = (p: Pod) => rowFor('', 'pods', p, NOW).slice(0, 5);

describe('printPod STATUS, READY and RESTARTS', () => {
  it('Running and ready', () => {
    const p = pod({}, { phase: 'Running', containerStatuses: [{ name: 'app', image: 'nginx', imageID: '', ready: true, restartCount: 0, state: { running: { startedAt: ago(MIN) } } }] });
    expect(cells(p)).toEqual(['web', '1/1', 'Running', '0', '10m']);
  });

  it('ContainerCreating while the image is pulled', () => {
    const p = pod({ nodeName: 'node-1' }, {
      phase: 'Pending',
      containerStatuses: [{ name: 'app', image: 'nginx', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }],
    });
    expect(cells(p)).toEqual(['web', '0/1', 'ContainerCreating', '0', '10m']);
  });

  it('Pending before scheduling, and SchedulingGated from the PodScheduled condition', () => {
    expect(cells(pod({}, { phase: 'Pending' }))).toEqual(['web', '0/1', 'Pending', '0', '10m']);
    const gated = pod({}, { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' }] });
    expect(cells(gated)[2]).toBe('SchedulingGated');
  });

  it('CrashLoopBackOff with the time since the last restart', () => {
    const p = pod({}, {
      phase: 'Running',
      containerStatuses: [
        {
          name: 'app',
          image: 'nginx',
          imageID: '',
          ready: false,
          restartCount: 3,
          state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container' } },
          lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: ago(50_000), finishedAt: ago(45_000) } },
        },
      ],
    });
    expect(cells(p)).toEqual(['web', '0/1', 'CrashLoopBackOff', '3 (45s ago)', '10m']);
  });

  it('ImagePullBackOff and ErrImagePull', () => {
    for (const reason of ['ImagePullBackOff', 'ErrImagePull']) {
      const p = pod({}, { phase: 'Pending', containerStatuses: [{ name: 'app', image: 'nginx:nope', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason } } }] });
      expect(cells(p)[2]).toBe(reason);
    }
  });

  it('Completed and Error from terminated reasons; Signal:N and ExitCode:N without one', () => {
    const terminated = (t: object) =>
      pod({}, { phase: 'Failed', containerStatuses: [{ name: 'app', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, ...t } } }] });
    expect(cells(terminated({ reason: 'Completed' }))).toEqual(['web', '0/1', 'Completed', '0', '10m']);
    expect(cells(terminated({ reason: 'Error', exitCode: 1 }))[2]).toBe('Error');
    expect(cells(terminated({ signal: 9, exitCode: 137 }))[2]).toBe('Signal:9');
    expect(cells(terminated({ exitCode: 2 }))[2]).toBe('ExitCode:2');
    expect(cells(terminated({ reason: 'OOMKilled', exitCode: 137 }))[2]).toBe('OOMKilled');
  });

  it('init containers: Init:i/n, Init:<reason>, Init:ExitCode and PodInitializing', () => {
    const spec = {
      initContainers: [
        { name: 'migrate', image: 'busybox' },
        { name: 'seed', image: 'busybox' },
      ],
    };
    const init = (statuses: NonNullable<Pod['status']>['initContainerStatuses'], extra: Partial<NonNullable<Pod['status']>> = {}) =>
      pod(spec, { phase: 'Pending', initContainerStatuses: statuses, containerStatuses: [{ name: 'app', image: 'nginx', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }], ...extra });
    const waiting = (name: string, reason?: string) => ({ name, image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { waiting: reason ? { reason } : {} } });
    const done = (name: string) => ({ name, image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } });

    expect(cells(init([waiting('migrate', 'PodInitializing'), waiting('seed', 'PodInitializing')]))).toEqual(['web', '0/1', 'Init:0/2', '0', '10m']);
    expect(cells(init([done('migrate'), { ...waiting('seed'), state: { running: { startedAt: ago(MIN) } } }]))[2]).toBe('Init:1/2');
    const crashing = { ...waiting('migrate', 'CrashLoopBackOff'), restartCount: 4, lastState: { terminated: { exitCode: 1, finishedAt: ago(2 * MIN) } } };
    expect(cells(init([crashing, waiting('seed', 'PodInitializing')]))).toEqual(['web', '0/1', 'Init:CrashLoopBackOff', '4 (2m ago)', '10m']);
    const failed = { ...waiting('migrate'), state: { terminated: { exitCode: 3 } } };
    expect(cells(init([failed, waiting('seed')]))[2]).toBe('Init:ExitCode:3');
    const errored = { ...waiting('migrate'), state: { terminated: { exitCode: 1, reason: 'Error' } } };
    expect(cells(init([errored, waiting('seed')]))[2]).toBe('Init:Error');
    // All init containers done: the app container's PodInitializing shows.
    expect(cells(init([done('migrate'), done('seed')]))[2]).toBe('PodInitializing');
  });

  it('counts sidecars (restartable init containers) in READY and RESTARTS', () => {
    const p = pod(
      { initContainers: [{ name: 'proxy', image: 'envoy', restartPolicy: 'Always' }] },
      {
        phase: 'Running',
        conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'True' }],
        initContainerStatuses: [
          {
            name: 'proxy',
            image: 'envoy',
            imageID: '',
            ready: true,
            started: true,
            restartCount: 2,
            state: { running: { startedAt: ago(5 * MIN) } },
            lastState: { terminated: { exitCode: 1, finishedAt: ago(5 * MIN) } },
          },
        ],
        containerStatuses: [{ name: 'app', image: 'nginx', imageID: '', ready: true, restartCount: 1, state: { running: { startedAt: ago(9 * MIN) } } }],
      },
    );
    expect(cells(p)).toEqual(['web', '2/2', 'Running', '3 (5m ago)', '10m']);
  });

  it('a completed container next to a running one reads Running or NotReady by the Ready condition', () => {
    const statuses = [
      { name: 'job', image: 'busybox', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
      { name: 'app', image: 'nginx', imageID: '', ready: true, restartCount: 0, state: { running: {} } },
    ];
    const spec = { containers: [{ name: 'app' }, { name: 'job' }] };
    expect(cells(pod(spec, { phase: 'Running', containerStatuses: statuses }))).toEqual(['web', '1/2', 'NotReady', '0', '10m']);
    expect(cells(pod(spec, { phase: 'Running', containerStatuses: statuses, conditions: [{ type: 'Ready', status: 'True' }] }))[2]).toBe('Running');
  });

  it('Terminating while deleted, Unknown when its node is lost, the phase when already terminal', () => {
    const running = { phase: 'Running', containerStatuses: [{ name: 'app', image: 'nginx', imageID: '', ready: true, restartCount: 0, state: { running: {} } }] };
    expect(cells(pod({}, running, { deletionTimestamp: ago(0) }))[2]).toBe('Terminating');
    expect(cells(pod({}, { ...running, reason: 'NodeLost' }))[2]).toBe('NodeLost');
    expect(cells(pod({}, { ...running, reason: 'NodeLost' }, { deletionTimestamp: ago(0) }))[2]).toBe('Unknown');
    expect(cells(pod({}, { phase: 'Succeeded' }, { deletionTimestamp: ago(0) }))[2]).toBe('Succeeded');
    expect(cells(pod({}, { phase: 'Failed', reason: 'Evicted' }))[2]).toBe('Evicted');
  });

  it('wide cells: IP, NODE, NOMINATED NODE, READINESS GATES', () => {
    const p = pod(
      { nodeName: 'node-1', readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] },
      { phase: 'Running', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], conditions: [{ type: 'example.com/lb', status: 'True' }] },
    );
    expect(rowFor('', 'pods', p, NOW).slice(5)).toEqual(['10.244.1.5', 'node-1', '<none>', '1/2']);
    expect(rowFor('', 'pods', pod({}, { phase: 'Pending' }), NOW).slice(5)).toEqual(['<none>', '<none>', '<none>', '<none>']);
  });

  it('marks Succeeded and Failed rows Completed in the table', () => {
    const table = toTable('', 'pods', [pod({}, { phase: 'Succeeded' }), pod({}, { phase: 'Failed' }), pod({}, { phase: 'Running' })], NOW, {});
    expect(table.rows.map((r) => r.conditions)).toEqual([
      [{ type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' }],
      [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }],
      undefined,
    ]);
  });
});

/**
 * A recorded run: the cluster it started from and every user action with the exact point it happened at (sim time
 * and the number of clock events fired before it). The engine is deterministic, so replaying the actions at those
 * points rebuilds the same run — same pod names, IPs, placements and events — which is what share links, time
 * travel and crash recovery stand on.
 */
import type { FaultType, ProtocolApiRequest } from './messages';

export const RECORDING_VERSION = 1;

/** How many actions a recording keeps; a longer session stops recording (and says so) rather than grow without bound. */
export const MAX_RECORDED_ACTIONS = 5_000;

export type SessionAction =
  | { kind: 'apply'; yaml: string }
  | { kind: 'kubectl'; commandLine: string; stdin?: string }
  /** Ctrl+C of the n-th streaming command of the run (1-based), which `kubectl … -w` opened. */
  | { kind: 'kubectlStop'; stream: number }
  /** A mutating REST call from the UI (DELETE from the inspector …); reads are not recorded. */
  | { kind: 'request'; request: ProtocolApiRequest }
  | { kind: 'fault'; action: 'break' | 'heal'; faultType: FaultType; node: string }
  | { kind: 'node'; action: 'add' | 'remove'; name?: string };

export interface RecordedAction {
  /** Sim time (ms) of the action. */
  at: number;
  /** Clock events fired before it. */
  event: number;
  action: SessionAction;
}

export interface SessionRecording {
  version: typeof RECORDING_VERSION;
  seed: number;
  workers: number;
  /** The machines, when not kind's defaults: zones the workers spread over, and each machine's size. */
  cluster?: { zones?: string[]; cpu?: string; memory?: string };
  actions: RecordedAction[];
  /** The sim time the run had reached when it was recorded (share: the moment the link was made). */
  until: number;
  /** Clock events fired by then (several can share the instant `until`). */
  untilEvent?: number;
}

/** Worker counts a recording may ask for (a share link is untrusted input). */
export const MAX_RECORDED_WORKERS = 50;

const FAULT_TYPES = ['NodeDown', 'KubeletStop', 'KubeProxyStop', 'NetworkPartition', 'ContainerCrash'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const isInt = (x: unknown, min: number, max: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= min && x <= max;
const isStr = (x: unknown, max = 1_000_000): x is string => typeof x === 'string' && x.length <= max;
const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function actionError(a: unknown): string | undefined {
  if (!isObj(a)) return 'is not an object';
  switch (a.kind) {
    case 'apply':
      return isStr(a.yaml) ? undefined : 'yaml must be a string';
    case 'kubectl':
      return isStr(a.commandLine, 10_000) && (a.stdin === undefined || isStr(a.stdin)) ? undefined : 'commandLine must be a string';
    case 'kubectlStop':
      return isInt(a.stream, 1, 1_000_000) ? undefined : 'stream must be a positive integer';
    case 'request': {
      const r = a.request;
      if (!isObj(r) || !METHODS.includes(r.method as string) || !isStr(r.path, 10_000)) return 'request needs a method and a path';
      return undefined;
    }
    case 'fault':
      return (a.action === 'break' || a.action === 'heal') && FAULT_TYPES.includes(a.faultType as string) && isStr(a.node, 253) ? undefined : 'fault needs action, faultType and node';
    case 'node':
      return (a.action === 'add' || a.action === 'remove') && (a.name === undefined || isStr(a.name, 253)) ? undefined : 'node needs action add or remove';
    default:
      return `unknown kind ${JSON.stringify(String(a.kind)).slice(0, 40)}`;
  }
}

/** Checks untrusted input (a share link, a file, saved state) is a recording this version can replay. */
export function validateRecording(x: unknown): { ok: true; recording: SessionRecording } | { ok: false; error: string } {
  if (!isObj(x)) return { ok: false, error: 'not a recording' };
  if (typeof x.version === 'number' && x.version > RECORDING_VERSION) {
    return { ok: false, error: `it was made by a newer Pilothouse (recording version ${x.version}; this one reads version ${RECORDING_VERSION})` };
  }
  if (x.version !== RECORDING_VERSION) return { ok: false, error: 'unknown recording version' };
  if (!isInt(x.seed, 0, 0xffffffff)) return { ok: false, error: 'seed must be an integer' };
  if (!isInt(x.workers, 0, MAX_RECORDED_WORKERS)) return { ok: false, error: `workers must be between 0 and ${MAX_RECORDED_WORKERS}` };
  if (!isInt(x.until, 0, Number.MAX_SAFE_INTEGER)) return { ok: false, error: 'until must be a sim time in ms' };
  if (x.cluster !== undefined) {
    const c = x.cluster as Record<string, unknown>;
    const quantity = (v: unknown) => v === undefined || (typeof v === 'string' && /^[0-9]+(\.[0-9]+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/.test(v));
    const zonesOk = c.zones === undefined || (Array.isArray(c.zones) && c.zones.length <= 10 && c.zones.every((z) => typeof z === 'string' && /^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$/.test(z)));
    if (!isObj(c) || !zonesOk || !quantity(c.cpu) || !quantity(c.memory)) return { ok: false, error: 'cluster must name zones (DNS labels) and cpu/memory quantities' };
  }
  if (x.untilEvent !== undefined && !isInt(x.untilEvent, 0, Number.MAX_SAFE_INTEGER)) return { ok: false, error: 'untilEvent must be an event count' };
  if (!Array.isArray(x.actions)) return { ok: false, error: 'actions must be a list' };
  if (x.actions.length > MAX_RECORDED_ACTIONS) return { ok: false, error: `too many actions (${x.actions.length} > ${MAX_RECORDED_ACTIONS})` };
  let last = { at: 0, event: 0 };
  for (let i = 0; i < x.actions.length; i++) {
    const r = x.actions[i] as unknown;
    if (!isObj(r) || !isInt(r.at, 0, Number.MAX_SAFE_INTEGER) || !isInt(r.event, 0, Number.MAX_SAFE_INTEGER)) return { ok: false, error: `action ${i + 1}: needs at and event` };
    if (r.at < last.at || r.event < last.event) return { ok: false, error: `action ${i + 1}: out of order` };
    if (r.at > x.until) return { ok: false, error: `action ${i + 1}: after the end of the recording` };
    const err = actionError(r.action);
    if (err) return { ok: false, error: `action ${i + 1}: ${err}` };
    last = { at: r.at, event: r.event };
  }
  return { ok: true, recording: x as unknown as SessionRecording };
}

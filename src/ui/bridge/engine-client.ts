/**
 * Commands with answers, over any transport: each command gets an id and a promise that settles when the engine
 * answers with the same id. Everything else the engine sends goes to `onEvent` (the store).
 */
import {
  PROTOCOL_VERSION,
  type ApplyLine,
  type BreakpointKind,
  type EngineToUi,
  type FaultType,
  type InspectView,
  type RequestDetail,
  type ProtocolApiRequest,
  type ProtocolApiResponse,
  type Speed,
} from '../../protocol/messages';
import type { EngineTransport } from './engine-transport';
import type { SessionRecording } from '../../protocol/recording';

export interface KubectlAnswer {
  stdout: string;
  stderr: string;
  exitCode: number;
  streamId?: number;
  edit?: { ref: string; text: string };
}

export interface ActionAnswer {
  ok: boolean;
  message: string;
}

type Pending = { resolve: (m: EngineToUi) => void; reject: (e: Error) => void };

export class EngineClient {
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private off: () => void;

  constructor(
    private readonly transport: EngineTransport,
    onEvent: (message: EngineToUi) => void,
  ) {
    this.off = transport.onMessage((m) => {
      const id = 'id' in m ? m.id : undefined;
      const waiter = id !== undefined ? this.pending.get(id) : undefined;
      if (waiter && id !== undefined) {
        this.pending.delete(id);
        if (m.type === 'error') waiter.reject(new Error(m.message));
        else waiter.resolve(m);
        return;
      }
      onEvent(m);
    });
  }

  init(seed = 1, workers = 0): void {
    this.transport.send({ type: 'init', version: PROTOCOL_VERSION, seed, workers });
  }

  pause(): void {
    this.transport.send({ type: 'control', action: 'pause' });
  }

  play(): void {
    this.transport.send({ type: 'control', action: 'play' });
  }

  step(): void {
    this.transport.send({ type: 'control', action: 'step' });
  }

  setSpeed(speed: Speed): void {
    this.transport.send({ type: 'speed', speed });
  }

  reset(): void {
    this.transport.send({ type: 'reset' });
  }

  setBreakpoints(enabled: BreakpointKind[]): void {
    this.transport.send({ type: 'breakpoints', enabled });
  }

  async lessonCheck(check: unknown): Promise<{ ok: boolean; detail: string }> {
    const m = await this.call((id) => ({ type: 'lessonCheck', id, check }));
    if (m.type !== 'lessonCheckResult') throw new Error(`unexpected answer ${m.type}`);
    return { ok: m.ok, detail: m.detail };
  }

  /** Resolves when the engine answers: it is alive and its loop turns. */
  async ping(): Promise<void> {
    const m = await this.call((id) => ({ type: 'ping', id }));
    if (m.type !== 'pong') throw new Error(`unexpected answer ${m.type}`);
  }

  async exportManifests(): Promise<string> {
    const m = await this.call((id) => ({ type: 'exportManifests', id }));
    if (m.type !== 'manifests') throw new Error(`unexpected answer ${m.type}`);
    return m.yaml;
  }

  /** Time travel: the cluster as it was at `simTime`, paused. */
  seek(simTime: number): void {
    this.transport.send({ type: 'seek', simTime });
  }

  /** This run's recording, for a share link or the autosave. */
  async recording(): Promise<SessionRecording> {
    const m = await this.call((id) => ({ type: 'recording', id }));
    if (m.type !== 'recordingResult') throw new Error(`unexpected answer ${m.type}`);
    return m.recording;
  }

  /** Opens a recorded run (validated by the engine too: it is untrusted input). */
  async load(recording: unknown): Promise<ActionAnswer> {
    const m = await this.call((id) => ({ type: 'load', id, recording }));
    if (m.type !== 'loadResult') throw new Error(`unexpected answer ${m.type}`);
    return { ok: m.ok, message: m.message };
  }

  async apply(yaml: string): Promise<ApplyLine[]> {
    const m = await this.call((id) => ({ type: 'apply', id, yaml }));
    return m.type === 'applyResult' ? m.lines : [];
  }

  async request(request: ProtocolApiRequest): Promise<ProtocolApiResponse> {
    const m = await this.call((id) => ({ type: 'request', id, request }));
    if (m.type !== 'response') throw new Error(`unexpected answer ${m.type}`);
    return m.response;
  }

  async kubectl(commandLine: string, stdin?: string): Promise<KubectlAnswer> {
    const m = await this.call((id) => ({ type: 'kubectl', id, commandLine, ...(stdin !== undefined ? { stdin } : {}) }));
    if (m.type !== 'kubectlResult') throw new Error(`unexpected answer ${m.type}`);
    const { stdout, stderr, exitCode, streamId, edit } = m;
    return { stdout, stderr, exitCode, ...(streamId !== undefined ? { streamId } : {}), ...(edit ? { edit } : {}) };
  }

  stopKubectl(streamId: number): void {
    this.transport.send({ type: 'kubectlStop', streamId });
  }

  async inspect(key: string): Promise<InspectView> {
    const m = await this.call((id) => ({ type: 'inspect', id, key }));
    if (m.type !== 'inspectResult') throw new Error(`unexpected answer ${m.type}`);
    return m.view;
  }

  async requestDetail(trafficId: number): Promise<RequestDetail | undefined> {
    const m = await this.call((id) => ({ type: 'requestDetail', id, trafficId }));
    if (m.type !== 'requestDetail') throw new Error(`unexpected answer ${m.type}`);
    return m.detail;
  }

  async fault(action: 'break' | 'heal', faultType: FaultType, node: string): Promise<ActionAnswer> {
    return this.action((id) => ({ type: 'fault', id, action, faultType, node }));
  }

  async nodes(action: 'add' | 'remove', name?: string): Promise<ActionAnswer> {
    return this.action((id) => ({ type: 'node', id, action, ...(name ? { name } : {}) }));
  }

  async live(yaml: string): Promise<string> {
    const m = await this.call((id) => ({ type: 'live', id, yaml }));
    if (m.type !== 'liveYaml') throw new Error(`unexpected answer ${m.type}`);
    return m.text;
  }

  private async action(build: (id: number) => Parameters<EngineTransport['send']>[0]): Promise<ActionAnswer> {
    const m = await this.call(build);
    if (m.type !== 'actionResult') throw new Error(`unexpected answer ${m.type}`);
    return { ok: m.ok, message: m.message };
  }

  close(): void {
    this.off();
    for (const p of this.pending.values()) p.reject(new Error('engine connection closed'));
    this.pending.clear();
    this.transport.close();
  }

  private call(build: (id: number) => Parameters<EngineTransport['send']>[0]): Promise<EngineToUi> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.transport.send(build(id));
    });
  }
}

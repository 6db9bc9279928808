/**
 * What the diagram's node controls do, through the engine: faults (fail, partition, recover), kubectl's
 * cordon/uncordon/drain (echoed in the console as if typed), adding and removing nodes. Each leaves a notice.
 */
import type { FaultType } from '../../protocol/messages';
import type { EngineClient } from '../bridge/engine-client';
import { useUiStore } from '../store/ui-store';

const notify = (text: string, ok: boolean) => useUiStore.getState().notify(text, ok);

export function isControlPlane(labels: Record<string, string> | undefined, name: string): boolean {
  return labels?.['node-role.kubernetes.io/control-plane'] !== undefined || name === 'control-plane';
}

export async function injectFault(engine: EngineClient | undefined, node: string, type: FaultType): Promise<void> {
  if (!engine) return;
  const answer = await engine.fault('break', type, node);
  notify(answer.message, answer.ok);
}

export async function recover(engine: EngineClient | undefined, node: string, type?: FaultType): Promise<void> {
  if (!engine) return;
  const answer = await engine.fault('heal', type ?? 'NodeDown', node);
  notify(answer.message, answer.ok);
}

/** Recovers every fault on the node (whatever its type). */
export async function recoverAll(engine: EngineClient | undefined, node: string, types: readonly string[]): Promise<void> {
  for (const t of new Set(types)) await recover(engine, node, t as FaultType);
}

/** Runs a kubectl line as the console would, output in its log. */
export async function runInConsole(engine: EngineClient | undefined, commandLine: string): Promise<void> {
  if (!engine) return;
  const { appendOutput, pushHistory } = useUiStore.getState();
  pushHistory(commandLine);
  appendOutput('command', `$ ${commandLine}`);
  const answer = await engine.kubectl(commandLine);
  if (answer.stdout) appendOutput('stdout', answer.stdout.replace(/\n$/, ''));
  if (answer.stderr) appendOutput('stderr', answer.stderr.replace(/\n$/, ''));
  if (answer.streamId !== undefined) engine.stopKubectl(answer.streamId);
  notify(`${commandLine}: ${answer.exitCode === 0 ? 'done' : 'failed (see the console)'}`, answer.exitCode === 0);
}

export async function changeNodes(engine: EngineClient | undefined, action: 'add' | 'remove', name?: string): Promise<void> {
  if (!engine) return;
  const answer = await engine.nodes(action, name);
  notify(answer.message, answer.ok);
}

/**
 * The console's kubectl: the engine's kubectl (src/engine/kubectl) run against the worker's cluster.
 */
import type { Cluster } from '../engine/cluster';

export interface KubectlOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export type KubectlRunner = (cluster: Cluster, commandLine: string) => KubectlOutput;

export const runKubectl: KubectlRunner = (cluster, commandLine) => {
  const result = cluster.kubectl(commandLine);
  // A streaming command (-w, rollout status, logs -f) shows what it has printed so far; live streaming to the
  // console comes with the console's stream support.
  result.watch?.stop();
  return { stdout: result.stdout + (result.watch?.stdout ?? ''), stderr: result.stderr + (result.watch?.stderr ?? ''), exitCode: result.exitCode };
};

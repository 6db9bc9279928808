/**
 * The console's kubectl: the engine's kubectl (src/engine/kubectl) run against the worker's cluster through the
 * endpoint the host gives it (which records request bodies), so the console's requests can be opened.
 */
import type { Cluster } from '../engine/cluster';
import type { ApiEndpoint } from '../engine/apiserver/types';
import { runKubectl as runEngineKubectl, type KubectlResult } from '../engine/kubectl';
import { threeWayPatchFor } from '../engine/apiserver/kubernetes-hooks';

export type KubectlRunner = (cluster: Cluster, commandLine: string | string[], api: ApiEndpoint, stdin?: string) => KubectlResult;

export const runKubectl: KubectlRunner = (cluster, commandLine, api, stdin) =>
  runEngineKubectl(commandLine, {
    api,
    stdin,
    registry: cluster.registry,
    nowMs: () => cluster.engine.epochMs + cluster.engine.now(),
    threeWayPatch: threeWayPatchFor,
  });

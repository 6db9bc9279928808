/** The kube-scheduler's algorithmic core: cache, framework, default plugins, scheduleOne and the queue. */
export { Cache } from './framework/cache';
export { Snapshot } from './framework/snapshot';
export { NodeInfo, HostPortInfo } from './framework/node-info';
export { newPodInfo, podKey, podPriority, type PodInfo, type AffinityTerm } from './framework/pod-info';
export { Resource, computePodResources, podRequestTotals } from './framework/resource';
export { Framework, type Nominator, type NodePluginScores, type PluginScore } from './framework/framework';
export * from './framework/interface';
export type { ClusterListers } from './framework/listers';
export { Code, Status } from './framework/status';
export { FitError, fitErrorMessage, sortReasonsHistogram, type Diagnosis } from './fit-error';
export { Scheduler, numFeasibleNodesToFind, selectHost, type ScheduleResult, type DecisionRecord, type NodeDecision, type SchedulerOptions } from './schedule-one';
export { newDefaultFramework, DEFAULT_SCORE_WEIGHTS, type ProfileOptions, type PluginArgs } from './profile';
export { Names } from './plugins/names';
export { SchedulingQueue, type SchedulingQueueOptions, type QueueName } from './queue/scheduling-queue';
export * from './queue/events';
export type { VolumeBindingDecision } from './plugins/volume-binding';

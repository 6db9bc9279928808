/** The kubelet: node registration, heartbeats, pod lifecycle on the container runtime, logs and stats. */
export { Kubelet, NODE_LEASE_DURATION_S, NODE_LEASE_RENEW_MS, NODE_STATUS_REPORT_MS, NODE_STATUS_UPDATE_MS, type KubeletOptions, type LogsResult, type StatsSummary, type ContainerUsage } from './kubelet';
export { ImageStore, ImageManager } from './image-manager';
export { HostDisk } from './volumes';
export { HostLocalIpam } from './ipam';
export type { LogOptions } from './logs';

/** The cluster's machines: topology, static pod manifests, and the machine hosting each kubelet. */
export { NodeFleet } from './fleet';
export { Machine, type MachineOptions } from './machine';
export { defaultTopology, nodeLabels, CONTROL_PLANE_NODE, DEFAULT_SHAPE, type NodeSpec, type MachineShape, type TopologyOptions } from './topology';
export { controlPlaneManifests, KUBERNETES_VERSION } from './static-pods';
export { podLogs } from './pod-logs';

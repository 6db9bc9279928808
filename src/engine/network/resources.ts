/** The resources the networking components read and write. */
export const SERVICES = { group: '', version: 'v1', resource: 'services' };
export const ENDPOINTS = { group: '', version: 'v1', resource: 'endpoints' };
export const ENDPOINT_SLICES = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' };
export const PODS = { group: '', version: 'v1', resource: 'pods' };
export const NODES = { group: '', version: 'v1', resource: 'nodes' };
export const NAMESPACES = { group: '', version: 'v1', resource: 'namespaces' };

/** discovery.LabelServiceName / LabelManagedBy and their values. */
export const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';
export const LABEL_MANAGED_BY = 'endpointslice.kubernetes.io/managed-by';
export const ENDPOINTSLICE_CONTROLLER_NAME = 'endpointslice-controller.k8s.io';
export const ENDPOINTSLICE_MIRRORING_CONTROLLER_NAME = 'endpointslicemirroring-controller.k8s.io';
/** v1.IsHeadlessService label, set on slices and Endpoints of headless Services. */
export const LABEL_HEADLESS = 'service.kubernetes.io/headless';
/** The label that hands a Service to another proxy (kube-proxy ignores such Services). */
export const LABEL_SERVICE_PROXY_NAME = 'service.kubernetes.io/service-proxy-name';
export const LABEL_SKIP_MIRROR = 'endpointslice.kubernetes.io/skip-mirror';
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';

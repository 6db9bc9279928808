/**
 * Defaulting for the core group, as pkg/apis/core/v1/defaults.go and the generated SetObjectDefaults_* recursion
 * apply it when the apiserver decodes a request body.
 */
 
import type { Container, PodSpec, PodTemplateSpec, Probe, Volume } from 'kubernetes-types/core/v1';

/** The tag ParseImageName yields: `latest` when no tag and no digest is given, '' for a digest-only reference. */
export function imageTag(image: string): string {
  if (!image) return '';
  const [name, digest] = image.split('@', 2);
  const lastSlash = name.lastIndexOf('/');
  const lastComponent = name.slice(lastSlash + 1);
  const colon = lastComponent.indexOf(':');
  if (colon >= 0) return lastComponent.slice(colon + 1);
  return digest ? '' : 'latest';
}

const DEFAULT_MODE = 0o644;

function defaultHandler(h: any): void {
  if (!h) return;
  if (h.httpGet) {
    if (!h.httpGet.path) h.httpGet.path = '/';
    if (!h.httpGet.scheme) h.httpGet.scheme = 'HTTP';
  }
  if (h.grpc && h.grpc.service === undefined) h.grpc.service = '';
}

export function defaultProbe(p: Probe | undefined): void {
  if (!p) return;
  p.timeoutSeconds ??= 1;
  p.periodSeconds ??= 10;
  p.successThreshold ??= 1;
  p.failureThreshold ??= 3;
  defaultHandler(p);
}

function defaultEnv(env: Container['env']): void {
  for (const e of env ?? []) {
    const fieldRef = e.valueFrom?.fieldRef;
    if (fieldRef && !fieldRef.apiVersion) fieldRef.apiVersion = 'v1';
  }
}

export function defaultContainer(c: Container, hostNetwork: boolean): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = imageTag(c.image ?? '') === 'latest' ? 'Always' : 'IfNotPresent';
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const port of c.ports ?? []) {
    if (!port.protocol) port.protocol = 'TCP';
    // With the host's network the container port is the host port (defaultHostNetworkPorts).
    if (hostNetwork && !port.hostPort) port.hostPort = port.containerPort;
  }
  defaultEnv(c.env);
  defaultProbe(c.livenessProbe);
  defaultProbe(c.readinessProbe);
  defaultProbe(c.startupProbe);
  defaultHandler(c.lifecycle?.postStart);
  defaultHandler(c.lifecycle?.preStop);
}

export function defaultVolume(v: Volume): void {
  const sources = Object.keys(v).filter((k) => k !== 'name' && (v as any)[k] != null);
  // A volume without any source is an emptyDir (SetDefaults_Volume).
  if (sources.length === 0) v.emptyDir = {};
  if (v.secret) v.secret.defaultMode ??= DEFAULT_MODE;
  if (v.configMap) v.configMap.defaultMode ??= DEFAULT_MODE;
  if (v.downwardAPI) {
    v.downwardAPI.defaultMode ??= DEFAULT_MODE;
    for (const item of v.downwardAPI.items ?? []) if (item.fieldRef && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = 'v1';
  }
  if (v.projected) {
    v.projected.defaultMode ??= DEFAULT_MODE;
    for (const s of v.projected.sources ?? []) {
      if (s.serviceAccountToken) s.serviceAccountToken.expirationSeconds ??= 3600;
      for (const item of s.downwardAPI?.items ?? []) if (item.fieldRef && !item.fieldRef.apiVersion) item.fieldRef.apiVersion = 'v1';
    }
  }
  if (v.hostPath && v.hostPath.type === undefined) v.hostPath.type = '';
  if (v.iscsi) {
    v.iscsi.iscsiInterface ??= 'default';
  }
  if (v.rbd) {
    v.rbd.pool ??= 'rbd';
    v.rbd.user ??= 'admin';
    v.rbd.keyring ??= '/etc/ceph/keyring';
  }
  if (v.azureDisk) {
    v.azureDisk.cachingMode ??= 'ReadWrite';
    v.azureDisk.kind ??= 'Shared';
    v.azureDisk.fsType ??= 'ext4';
    v.azureDisk.readOnly ??= false;
  }
  if (v.ephemeral?.volumeClaimTemplate?.spec) defaultPVCSpec(v.ephemeral.volumeClaimTemplate.spec);
}

/** SetDefaults_PodSpec plus the per-container and per-volume defaults beneath it. */
export function defaultPodSpec(spec: PodSpec | undefined): void {
  if (!spec) return;
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (!spec.securityContext) spec.securityContext = {};
  spec.terminationGracePeriodSeconds ??= 30;
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  const hostNetwork = spec.hostNetwork === true;
  for (const c of spec.initContainers ?? []) defaultContainer(c, hostNetwork);
  for (const c of spec.containers ?? []) defaultContainer(c, hostNetwork);
  for (const c of spec.ephemeralContainers ?? []) defaultContainer(c as Container, false);
  for (const v of spec.volumes ?? []) defaultVolume(v);
}

export function defaultPodTemplateSpec(t: PodTemplateSpec | undefined): void {
  defaultPodSpec(t?.spec);
}

/** SetDefaults_Pod: only a Pod (not a template) gets requests from limits and enableServiceLinks. */
export function defaultPod(pod: any): void {
  pod.spec ??= {};
  const spec = pod.spec as PodSpec;
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const limits = c.resources?.limits;
    if (limits && c.resources) {
      c.resources.requests ??= {};
      for (const [k, v] of Object.entries(limits)) if (!(k in c.resources.requests)) c.resources.requests[k] = v;
    }
  }
  spec.enableServiceLinks ??= true;
  defaultPodSpec(spec);
}

export function defaultPodTemplate(obj: any): void {
  defaultPodTemplateSpec(obj.template);
}

export function defaultReplicationController(obj: any): void {
  obj.spec ??= {};
  const labels = obj.spec.template?.metadata?.labels;
  if (labels) {
    if (!obj.spec.selector || Object.keys(obj.spec.selector).length === 0) obj.spec.selector = { ...labels };
    obj.metadata ??= {};
    if (!obj.metadata.labels || Object.keys(obj.metadata.labels).length === 0) obj.metadata.labels = { ...labels };
  }
  obj.spec.replicas ??= 1;
  defaultPodTemplateSpec(obj.spec.template);
}

/** True when the service can be reached from outside the cluster (service.ExternallyAccessible). */
function externallyAccessible(spec: any): boolean {
  return spec.type === 'LoadBalancer' || spec.type === 'NodePort' || (spec.type === 'ClusterIP' && (spec.externalIPs?.length ?? 0) > 0);
}

export function defaultService(obj: any): void {
  obj.spec ??= {};
  const spec = obj.spec;
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    spec.sessionAffinityConfig ??= {};
    spec.sessionAffinityConfig.clientIP ??= {};
    spec.sessionAffinityConfig.clientIP.timeoutSeconds ??= 10800;
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const port of spec.ports ?? []) {
    if (!port.protocol) port.protocol = 'TCP';
    if (port.targetPort === undefined || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
  if (externallyAccessible(spec) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (spec.internalTrafficPolicy === undefined && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer') {
    spec.allocateLoadBalancerNodePorts ??= true;
    for (const ing of obj.status?.loadBalancer?.ingress ?? []) if (ing.ip && !ing.ipMode) ing.ipMode = 'VIP';
  }
}

export function defaultNamespace(obj: any): void {
  obj.metadata ??= {};
  // The name label is always (re)set, so it cannot drift from the name.
  if (obj.metadata.name) obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name };
  obj.status ??= {};
  if (!obj.status.phase) obj.status.phase = 'Active';
}

export function defaultSecret(obj: any): void {
  if (!obj.type) obj.type = 'Opaque';
}

export function defaultPVCSpec(spec: any): void {
  if (!spec.volumeMode) spec.volumeMode = 'Filesystem';
}

export function defaultPersistentVolumeClaim(obj: any): void {
  obj.spec ??= {};
  defaultPVCSpec(obj.spec);
  obj.status ??= {};
  if (!obj.status.phase) obj.status.phase = 'Pending';
}

export function defaultPersistentVolume(obj: any): void {
  obj.spec ??= {};
  if (!obj.spec.persistentVolumeReclaimPolicy) obj.spec.persistentVolumeReclaimPolicy = 'Retain';
  if (!obj.spec.volumeMode) obj.spec.volumeMode = 'Filesystem';
  if (obj.spec.hostPath && obj.spec.hostPath.type === undefined) obj.spec.hostPath.type = '';
  obj.status ??= {};
  if (!obj.status.phase) obj.status.phase = 'Pending';
}

export function defaultNode(obj: any): void {
  const status = obj.status;
  // SetDefaults_NodeStatus: allocatable defaults to capacity.
  if (status?.capacity && !status.allocatable) status.allocatable = { ...status.capacity };
}

export function defaultEndpoints(obj: any): void {
  for (const subset of obj.subsets ?? []) for (const port of subset.ports ?? []) if (!port.protocol) port.protocol = 'TCP';
}

export function defaultLimitRange(obj: any): void {
  for (const item of obj.spec?.limits ?? []) {
    if (item.type !== 'Container') continue;
    // SetDefaults_LimitRangeItem: default limit from max, default request from default limit (then from min).
    if (item.max) {
      item.default ??= {};
      for (const [k, v] of Object.entries(item.max)) if (!(k in item.default)) item.default[k] = v;
    }
    if (item.default) {
      item.defaultRequest ??= {};
      for (const [k, v] of Object.entries(item.default)) if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
    }
    if (item.min) {
      item.defaultRequest ??= {};
      for (const [k, v] of Object.entries(item.min)) if (!(k in item.defaultRequest)) item.defaultRequest[k] = v;
    }
  }
}

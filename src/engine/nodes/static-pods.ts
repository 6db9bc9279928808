/**
 * The static pod manifests kubeadm writes to /etc/kubernetes/manifests on a control-plane node (kind's layout,
 * Kubernetes 1.32): etcd, kube-apiserver, kube-controller-manager, kube-scheduler — plus the
 * cloud-controller-manager this simulated cloud runs the same way. The kubelet runs them itself and publishes
 * each as a mirror pod `<name>-<node>` in kube-system.
 */
import type { Container, Pod, Probe } from 'kubernetes-types/core/v1';
import type { NodeSpec } from './topology';

export const KUBERNETES_VERSION = 'v1.32.4';
export const ETCD_IMAGE = 'registry.k8s.io/etcd:3.5.16-0';
export const CLOUD_CONTROLLER_MANAGER_IMAGE = 'registry.k8s.io/cloud-provider-kind/cloud-controller-manager:v0.6.0';
export const SERVICE_CIDR = '10.96.0.0/16';
export const CLUSTER_CIDR = '10.244.0.0/16';

function httpProbe(host: string, path: string, port: number, scheme: 'HTTP' | 'HTTPS', o: { initialDelaySeconds?: number; periodSeconds: number; failureThreshold: number }): Probe {
  return {
    failureThreshold: o.failureThreshold,
    httpGet: { host, path, port, scheme },
    ...(o.initialDelaySeconds !== undefined ? { initialDelaySeconds: o.initialDelaySeconds } : {}),
    periodSeconds: o.periodSeconds,
    timeoutSeconds: 15,
  };
}

const hostPath = (name: string, path: string, type: string) => ({ name, hostPath: { path, type } });

function staticPod(component: string, container: Container, volumes: ReturnType<typeof hostPath>[], annotations: Record<string, string> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: component,
      namespace: 'kube-system',
      labels: { component, tier: 'control-plane' },
      ...(Object.keys(annotations).length ? { annotations } : {}),
    },
    spec: {
      containers: [{ ...container, imagePullPolicy: 'IfNotPresent' }],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      volumes,
    },
  };
}

const k8sPki = [hostPath('ca-certs', '/etc/ssl/certs', 'DirectoryOrCreate'), hostPath('etc-ca-certificates', '/etc/ca-certificates', 'DirectoryOrCreate'), hostPath('k8s-certs', '/etc/kubernetes/pki', 'DirectoryOrCreate')];
const k8sPkiMounts = [
  { mountPath: '/etc/ssl/certs', name: 'ca-certs', readOnly: true },
  { mountPath: '/etc/ca-certificates', name: 'etc-ca-certificates', readOnly: true },
  { mountPath: '/etc/kubernetes/pki', name: 'k8s-certs', readOnly: true },
];

/** The manifests for a control-plane node, in the order kubeadm writes them. */
export function controlPlaneManifests(node: NodeSpec, version = KUBERNETES_VERSION): Pod[] {
  const ip = node.internalIP;
  const etcd = staticPod(
    'etcd',
    {
      name: 'etcd',
      image: ETCD_IMAGE,
      command: [
        'etcd',
        `--advertise-client-urls=https://${ip}:2379`,
        '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
        '--client-cert-auth=true',
        '--data-dir=/var/lib/etcd',
        '--experimental-initial-corrupt-check=true',
        '--experimental-watch-progress-notify-interval=5s',
        `--initial-advertise-peer-urls=https://${ip}:2380`,
        `--initial-cluster=${node.name}=https://${ip}:2380`,
        '--key-file=/etc/kubernetes/pki/etcd/server.key',
        `--listen-client-urls=https://127.0.0.1:2379,https://${ip}:2379`,
        '--listen-metrics-urls=http://127.0.0.1:2381',
        `--listen-peer-urls=https://${ip}:2380`,
        `--name=${node.name}`,
        '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
        '--peer-client-cert-auth=true',
        '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
        '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
        '--snapshot-count=10000',
        '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
      ],
      livenessProbe: httpProbe('127.0.0.1', '/livez', 2381, 'HTTP', { initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 8 }),
      resources: { requests: { cpu: '100m', memory: '100Mi' } },
      startupProbe: httpProbe('127.0.0.1', '/readyz', 2381, 'HTTP', { initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 24 }),
      volumeMounts: [
        { mountPath: '/var/lib/etcd', name: 'etcd-data' },
        { mountPath: '/etc/kubernetes/pki/etcd', name: 'etcd-certs' },
      ],
    },
    [hostPath('etcd-certs', '/etc/kubernetes/pki/etcd', 'DirectoryOrCreate'), hostPath('etcd-data', '/var/lib/etcd', 'DirectoryOrCreate')],
    { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
  );

  const apiserver = staticPod(
    'kube-apiserver',
    {
      name: 'kube-apiserver',
      image: `registry.k8s.io/kube-apiserver:${version}`,
      command: [
        'kube-apiserver',
        `--advertise-address=${ip}`,
        '--allow-privileged=true',
        '--authorization-mode=Node,RBAC',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        '--enable-admission-plugins=NodeRestriction',
        '--enable-bootstrap-token-auth=true',
        '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
        '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
        '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
        '--etcd-servers=https://127.0.0.1:2379',
        '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
        '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
        '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
        '--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt',
        '--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key',
        '--requestheader-allowed-names=front-proxy-client',
        '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
        '--requestheader-extra-headers-prefix=X-Remote-Extra-',
        '--requestheader-group-headers=X-Remote-Group',
        '--requestheader-username-headers=X-Remote-User',
        '--runtime-config=',
        '--secure-port=6443',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
        '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
        `--service-cluster-ip-range=${SERVICE_CIDR}`,
        '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
        '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
      ],
      livenessProbe: httpProbe(ip, '/livez', 6443, 'HTTPS', { initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 8 }),
      readinessProbe: httpProbe(ip, '/readyz', 6443, 'HTTPS', { periodSeconds: 1, failureThreshold: 3 }),
      resources: { requests: { cpu: '250m' } },
      startupProbe: httpProbe(ip, '/livez', 6443, 'HTTPS', { initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 24 }),
      volumeMounts: k8sPkiMounts,
    },
    k8sPki,
    { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:6443` },
  );

  const controllerManager = staticPod(
    'kube-controller-manager',
    {
      name: 'kube-controller-manager',
      image: `registry.k8s.io/kube-controller-manager:${version}`,
      command: [
        'kube-controller-manager',
        '--allocate-node-cidrs=true',
        '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--bind-address=127.0.0.1',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        `--cluster-cidr=${CLUSTER_CIDR}`,
        '--cluster-name=kind',
        '--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt',
        '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key',
        '--controllers=*,bootstrapsigner,tokencleaner',
        '--enable-hostpath-provisioner=true',
        '--kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--leader-elect=true',
        '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
        '--root-ca-file=/etc/kubernetes/pki/ca.crt',
        '--service-account-private-key-file=/etc/kubernetes/pki/sa.key',
        `--service-cluster-ip-range=${SERVICE_CIDR}`,
        '--use-service-account-credentials=true',
      ],
      livenessProbe: httpProbe('127.0.0.1', '/healthz', 10257, 'HTTPS', { initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 8 }),
      resources: { requests: { cpu: '200m' } },
      startupProbe: httpProbe('127.0.0.1', '/healthz', 10257, 'HTTPS', { initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 24 }),
      volumeMounts: [...k8sPkiMounts, { mountPath: '/etc/kubernetes/controller-manager.conf', name: 'kubeconfig', readOnly: true }],
    },
    [...k8sPki, hostPath('kubeconfig', '/etc/kubernetes/controller-manager.conf', 'FileOrCreate')],
  );

  const scheduler = staticPod(
    'kube-scheduler',
    {
      name: 'kube-scheduler',
      image: `registry.k8s.io/kube-scheduler:${version}`,
      command: [
        'kube-scheduler',
        '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--bind-address=127.0.0.1',
        '--kubeconfig=/etc/kubernetes/scheduler.conf',
        '--leader-elect=true',
      ],
      livenessProbe: httpProbe('127.0.0.1', '/livez', 10259, 'HTTPS', { initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 8 }),
      readinessProbe: httpProbe('127.0.0.1', '/readyz', 10259, 'HTTPS', { periodSeconds: 1, failureThreshold: 3 }),
      resources: { requests: { cpu: '100m' } },
      startupProbe: httpProbe('127.0.0.1', '/livez', 10259, 'HTTPS', { initialDelaySeconds: 10, periodSeconds: 10, failureThreshold: 24 }),
      volumeMounts: [{ mountPath: '/etc/kubernetes/scheduler.conf', name: 'kubeconfig', readOnly: true }],
    },
    [hostPath('kubeconfig', '/etc/kubernetes/scheduler.conf', 'FileOrCreate')],
  );

  const cloudControllerManager = staticPod(
    'cloud-controller-manager',
    {
      name: 'cloud-controller-manager',
      image: CLOUD_CONTROLLER_MANAGER_IMAGE,
      command: [
        'cloud-controller-manager',
        '--cloud-provider=kind',
        '--bind-address=127.0.0.1',
        '--kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--leader-elect=true',
        '--use-service-account-credentials=false',
      ],
      resources: { requests: { cpu: '100m' } },
      volumeMounts: [{ mountPath: '/etc/kubernetes/controller-manager.conf', name: 'kubeconfig', readOnly: true }],
    },
    [hostPath('kubeconfig', '/etc/kubernetes/controller-manager.conf', 'FileOrCreate')],
  );

  return [etcd, apiserver, controllerManager, scheduler, cloudControllerManager];
}

/**
 * The flannel CNI as its kube-flannel.yml (v0.26) installs it: namespace `kube-flannel`, ServiceAccount, the
 * `kube-flannel-cfg` ConfigMap (CNI config and the vxlan network over the pod CIDR) and the `kube-flannel-ds`
 * DaemonSet running flanneld with --kube-subnet-mgr. The upstream manifest's init containers (install-cni-plugin,
 * install-cni) only copy the CNI binary and config onto the host; the simulated images cannot run them (no
 * flannel-cni-plugin image, no `cp` in the flannel image) and kind's node image ships the CNI files, so they are
 * left out.
 */
import type { ConfigMap, Namespace, ServiceAccount } from 'kubernetes-types/core/v1';
import type { DaemonSet } from 'kubernetes-types/apps/v1';

export const FLANNEL_IMAGE = 'docker.io/flannel/flannel:v0.26.4';
const NS = 'kube-flannel';

const CNI_CONF = `{
  "name": "cbr0",
  "cniVersion": "0.3.1",
  "plugins": [
    {
      "type": "flannel",
      "delegate": {
        "hairpinMode": true,
        "isDefaultGateway": true
      }
    },
    {
      "type": "portmap",
      "capabilities": {
        "portMappings": true
      }
    }
  ]
}
`;

export function flannelObjects(podNetwork: string): [Namespace, ServiceAccount, ConfigMap, DaemonSet] {
  const labels = { app: 'flannel', 'k8s-app': 'flannel', tier: 'node' };
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS, labels: { 'k8s-app': 'flannel', 'pod-security.kubernetes.io/enforce': 'privileged' } } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'flannel', namespace: NS, labels: { 'k8s-app': 'flannel' } } },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kube-flannel-cfg', namespace: NS, labels },
      data: {
        'cni-conf.json': CNI_CONF,
        'net-conf.json': `{\n  "Network": "${podNetwork}",\n  "EnableNFTables": false,\n  "Backend": {\n    "Type": "vxlan"\n  }\n}\n`,
      },
    },
    {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'kube-flannel-ds', namespace: NS, labels },
      spec: {
        selector: { matchLabels: { app: 'flannel', 'k8s-app': 'flannel' } },
        template: {
          metadata: { labels },
          spec: {
            affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }] } } },
            hostNetwork: true,
            priorityClassName: 'system-node-critical',
            tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }],
            serviceAccountName: 'flannel',
            containers: [
              {
                name: 'kube-flannel',
                image: FLANNEL_IMAGE,
                command: ['/opt/bin/flanneld'],
                args: ['--ip-masq', '--kube-subnet-mgr'],
                resources: { requests: { cpu: '100m', memory: '50Mi' } },
                securityContext: { privileged: false, capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
                env: [
                  { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                  { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                  { name: 'EVENT_QUEUE_DEPTH', value: '5000' },
                ],
                volumeMounts: [
                  { name: 'run', mountPath: '/run/flannel' },
                  { name: 'flannel-cfg', mountPath: '/etc/kube-flannel/' },
                  { name: 'xtables-lock', mountPath: '/run/xtables.lock' },
                ],
              },
            ],
            volumes: [
              { name: 'run', hostPath: { path: '/run/flannel' } },
              { name: 'flannel-cfg', configMap: { name: 'kube-flannel-cfg' } },
              { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
            ],
          },
        },
      },
    },
  ];
}

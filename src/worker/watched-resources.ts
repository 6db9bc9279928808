/** The resources the UI draws or lists; the worker watches each across all namespaces. */
export const WATCHED_RESOURCES: readonly string[] = [
  'namespaces',
  'nodes',
  'pods',
  'services',
  'endpointslices.discovery.k8s.io',
  'deployments.apps',
  'replicasets.apps',
  'statefulsets.apps',
  'daemonsets.apps',
  'jobs.batch',
  'cronjobs.batch',
  'configmaps',
  'secrets', // summaries carry metadata only, never data
  'persistentvolumeclaims',
  'persistentvolumes',
  'events',
  'leases.coordination.k8s.io',
  'faults.pilothouse.dev', // served once the faults room lands; skipped until then
];

/** The client name the UI's own watches and reads use; its traffic is recorded but not narrated or animated. */
export const UI_CLIENT = 'pilothouse-ui';

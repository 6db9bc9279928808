/** The resources the workload controllers read and write. */
export const PODS = { group: '', version: 'v1', resource: 'pods' };
export const NODES = { group: '', version: 'v1', resource: 'nodes' };
export const PVCS = { group: '', version: 'v1', resource: 'persistentvolumeclaims' };
export const JOBS = { group: 'batch', version: 'v1', resource: 'jobs' };
export const CRONJOBS = { group: 'batch', version: 'v1', resource: 'cronjobs' };
export const STATEFULSETS = { group: 'apps', version: 'v1', resource: 'statefulsets' };
export const DAEMONSETS = { group: 'apps', version: 'v1', resource: 'daemonsets' };
export const CONTROLLER_REVISIONS = { group: 'apps', version: 'v1', resource: 'controllerrevisions' };

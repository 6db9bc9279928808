/**
 * ServerPreferredNamespacedResources, as the namespace controller's discovery client reads it: `/api` and
 * `/apis`, then each group's preferred version's APIResourceList, keeping namespaced top-level resources.
 */
import { toResult } from '../../client/api-result';
import type { KubeClient } from '../../client/rest-client';

export interface DiscoveredResource {
  group: string;
  version: string;
  resource: string;
  verbs: string[];
}

interface ApiResourceList {
  groupVersion: string;
  resources: Array<{ name: string; namespaced: boolean; verbs: string[] }>;
}

function getJson<T>(client: KubeClient, path: string): { value?: T; error?: string } {
  const res = toResult<T>(client.raw({ method: 'GET', path, headers: { accept: 'application/json' } }));
  return res.ok ? { value: res.value } : { error: res.status.message ?? `GET ${path} failed` };
}

export function preferredNamespacedResources(client: KubeClient): { resources: DiscoveredResource[]; failedGroups: string[] } {
  const groupVersions: string[] = [];
  const failedGroups: string[] = [];
  const core = getJson<{ versions: string[] }>(client, '/api');
  if (core.value?.versions?.length) groupVersions.push(core.value.versions[0]);
  else failedGroups.push('v1');
  const groups = getJson<{ groups: Array<{ name: string; preferredVersion?: { groupVersion: string }; versions: Array<{ groupVersion: string }> }> }>(client, '/apis');
  for (const g of groups.value?.groups ?? []) groupVersions.push(g.preferredVersion?.groupVersion ?? g.versions[0]?.groupVersion);
  const resources: DiscoveredResource[] = [];
  for (const gv of groupVersions) {
    const list = getJson<ApiResourceList>(client, gv.includes('/') ? `/apis/${gv}` : `/api/${gv}`);
    if (!list.value) {
      failedGroups.push(gv);
      continue;
    }
    const [group, version] = gv.includes('/') ? gv.split('/') : ['', gv];
    for (const r of list.value.resources) {
      if (!r.namespaced || r.name.includes('/')) continue;
      resources.push({ group, version, resource: r.name, verbs: r.verbs });
    }
  }
  return { resources, failedGroups };
}

/**
 * Request paths built the way client-go's rest.Request.URL() builds them:
 * `/api/v1[/namespaces/<ns>]/<resource>[/<name>[/<subresource>]]` for the core group,
 * `/apis/<group>/<version>/…` for the others. A namespace is only placed for namespaced resources, and an empty
 * one addresses every namespace (list and watch).
 */
export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

export interface PathParts {
  namespace?: string;
  name?: string;
  subresource?: string;
}

export function groupVersionPrefix(group: string, version: string): string {
  return group ? `/apis/${group}/${version}` : `/api/${version}`;
}

export function resourcePath(gvr: GroupVersionResource, namespaced: boolean, parts: PathParts = {}): string {
  let path = groupVersionPrefix(gvr.group, gvr.version);
  if (namespaced && parts.namespace) path += `/namespaces/${parts.namespace}`;
  path += `/${gvr.resource}`;
  if (parts.name) path += `/${parts.name}`;
  if (parts.name && parts.subresource) path += `/${parts.subresource}`;
  return path;
}

export function gvrString(gvr: GroupVersionResource): string {
  return gvr.group ? `${gvr.resource}.${gvr.version}.${gvr.group}` : `${gvr.resource}.${gvr.version}`;
}

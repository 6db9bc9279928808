/**
 * Reads a request path the way the upstream apiserver does (k8s.io/apiserver/pkg/endpoints/request/requestinfo.go):
 * `/apis/apps/v1/namespaces/default/deployments/web/scale` ⇒ group apps, version v1, namespace default,
 * resource deployments, name web, subresource scale, verb from the method (and `watch`/`list` for collections).
 */
import type { ApiRequest } from './types';

export interface RequestInfo {
  isResourceRequest: boolean;
  /** For non-resource requests (`/version`, `/healthz`, `/api`, `/apis`, `/openapi/v3`…): the path itself. */
  path: string;
  verb: string;
  apiPrefix?: 'api' | 'apis';
  group: string;
  version: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
  /** Path segments that could not be placed (too many parts ⇒ not a valid resource path). */
  parts: string[];
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

export function parseRequestInfo(req: ApiRequest): RequestInfo {
  const path = req.path.split('?')[0];
  const info: RequestInfo = {
    isResourceRequest: false,
    path,
    verb: req.method.toLowerCase(),
    group: '',
    version: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
    parts: [],
  };
  const segments = path.split('/').filter((s) => s !== '');
  const prefix = segments[0];
  if (prefix !== 'api' && prefix !== 'apis') return info;
  info.apiPrefix = prefix;
  let rest = segments.slice(1);
  if (prefix === 'apis') {
    if (rest.length < 2) return info; // /apis or /apis/<group>: discovery
    info.group = rest[0];
    rest = rest.slice(1);
  }
  if (rest.length < 1) return info; // /api
  info.version = rest[0];
  rest = rest.slice(1);
  if (rest.length === 0) return info; // /api/v1, /apis/apps/v1: discovery
  info.isResourceRequest = true;

  // The old /watch/ prefix: still served upstream, maps to verb watch.
  let watchPrefix = false;
  if (rest[0] === 'watch') {
    watchPrefix = true;
    rest = rest.slice(1);
  }

  if (rest[0] === 'namespaces') {
    if (rest.length > 1) {
      info.namespace = rest[1];
      // /namespaces/{name} and /namespaces/{name}/{status|finalize} address the Namespace object itself.
      if (rest.length > 2 && !NAMESPACE_SUBRESOURCES.has(rest[2])) {
        rest = rest.slice(2);
      } else {
        info.resource = 'namespaces';
        info.name = rest[1];
        info.namespace = '';
        info.subresource = rest[2] ?? '';
        info.parts = rest.slice(3);
        rest = [];
      }
    } else {
      info.resource = 'namespaces';
      rest = [];
    }
  }
  if (rest.length > 0) {
    info.resource = rest[0];
    info.name = rest[1] ?? '';
    info.subresource = rest[2] ?? '';
    info.parts = rest.slice(3);
  }

  const q = req.query ?? {};
  const isWatch = watchPrefix || q.watch === 'true' || q.watch === '1';
  switch (req.method) {
    case 'GET':
      info.verb = info.name ? (isWatch ? 'watch' : 'get') : isWatch ? 'watch' : 'list';
      break;
    case 'POST':
      info.verb = 'create';
      break;
    case 'PUT':
      info.verb = 'update';
      break;
    case 'PATCH':
      info.verb = 'patch';
      break;
    case 'DELETE':
      info.verb = info.name ? 'delete' : 'deletecollection';
      break;
  }
  return info;
}

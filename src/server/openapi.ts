/**
 * The OpenAPI endpoints kubectl reads: `/openapi/v3` (the index of group-version documents) and
 * `/openapi/v3/<api/v1 | apis/group/version>`, served from the openapi room. `/openapi/v2` is not served (404), so
 * kubectl uses v3 for validation, `explain` and apply's patch metadata, as it does against 1.32 clusters.
 */
import { openApiV3Document, openApiV3Index } from '../engine/apiserver/openapi/v3';
import { pathNotFound, respond } from '../engine/apiserver/status';
import type { ApiRequest, ApiResponse } from '../engine/apiserver/types';

const V3_PREFIX = '/openapi/v3';

export function openApiRoute(req: ApiRequest): ApiResponse | undefined {
  const path = req.path.replace(/\/+$/, '');
  if (path !== '/openapi' && !path.startsWith('/openapi/')) return undefined;
  if (req.method !== 'GET') return respond(pathNotFound());
  if (path === V3_PREFIX) return json(openApiV3Index());
  if (path.startsWith(`${V3_PREFIX}/`)) {
    const doc = openApiV3Document(path.slice(V3_PREFIX.length + 1));
    return doc === undefined ? respond(pathNotFound()) : json(doc);
  }
  return respond(pathNotFound());
}

function json(body: unknown): ApiResponse {
  return { status: 200, body, headers: { 'content-type': 'application/json' } };
}

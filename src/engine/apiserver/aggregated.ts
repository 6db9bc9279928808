/**
 * An API group served by its own server and storage, behind the kube-apiserver — what kube-aggregator does for
 * an APIService. The kube-apiserver still parses, authenticates, records and (for `kubectl get`) prints the
 * request; everything else — storage, validation, resourceVersions, watch — is the aggregated server's.
 */
import type { ResourceInfo } from './registry';
import type { RequestInfo } from './request-info';
import type { ApiRequest, ApiResponse, WatchEvent, WatchHandle } from './types';

export interface AggregatedApi {
  /** A resource request for the group (any verb but watch). */
  request(req: ApiRequest, info: RequestInfo, resource: ResourceInfo): ApiResponse;
  /** Opens a watch; events arrive later on the virtual clock, never during this call. */
  watch(req: ApiRequest, info: RequestInfo, resource: ResourceInfo, onEvent: (e: WatchEvent) => void, onClose?: () => void): WatchHandle | ApiResponse;
}

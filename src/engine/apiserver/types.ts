/**
 * Requests and responses shaped like Kubernetes REST over HTTP. Every component except the apiserver talks to the
 * cluster only through these — in the worker, in tests and, serialised, over real HTTP in `serve`.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface ApiRequest {
  method: HttpMethod;
  /** e.g. `/api/v1/namespaces/default/pods/web-1`, `/apis/apps/v1/deployments`. */
  path: string;
  /** Query parameters as kubectl sends them (labelSelector, fieldSelector, watch, resourceVersion, …). */
  query?: Record<string, string | undefined>;
  /** Lower-case header names (content-type, accept). */
  headers?: Record<string, string | undefined>;
  /** A decoded JSON value, or raw text (e.g. an unparsable body or apply-patch YAML). */
  body?: unknown;
  /** Who sends it: the component or user, for traffic records (e.g. `kube-scheduler`, `kubectl`). */
  client?: string;
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers?: Record<string, string>;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent<T = unknown> {
  type: WatchEventType;
  object: T;
}

export interface WatchHandle {
  stop(): void;
}

/** The apiserver as its clients see it. */
export interface ApiEndpoint {
  request(req: ApiRequest): ApiResponse;
  /**
   * Opens a watch (`?watch=true`). Events arrive later on the virtual clock, never during this call. An error
   * before the stream starts (bad path, 410 Expired for a too-old resourceVersion) is returned as a response.
   */
  watch(req: ApiRequest, onEvent: (event: WatchEvent) => void, onClose?: () => void): WatchHandle | ApiResponse;
}

/**
 * What the runtime needs from the rest of the simulation: name resolution and HTTP to other pods and Services,
 * answered by the cluster's simulated network. All optional: without a network every lookup fails as it would in
 * a pod with no DNS.
 */

export interface DnsAnswer {
  /** Fully-qualified name that answered, e.g. `kubernetes.default.svc.cluster.local`. */
  name: string;
  addresses: string[];
}

export interface DnsResult {
  /** The nameserver from the pod's resolv.conf, e.g. 10.96.0.10. */
  server: string;
  /** Undefined when the name does not exist (NXDOMAIN). */
  answer?: DnsAnswer;
}

export interface HttpRequest {
  method: string;
  /** Host as written in the URL (a name or an IP). */
  host: string;
  port: number;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Client address as the server sees it, for access logs and echo servers. */
  remoteAddr?: string;
}

export interface HttpResponse {
  status: number;
  /** Reason phrase; defaults to the standard one for the status. */
  statusText?: string;
  headers?: Record<string, string>;
  body: string;
}

export type HttpFailure =
  | { error: 'no-such-host' }
  | { error: 'connection-refused'; address: string }
  | { error: 'timeout'; address: string }
  | { error: 'empty-reply'; address: string };

export type HttpResult = (HttpResponse & { address?: string; latencyMs?: number }) | HttpFailure;

export interface RuntimeHost {
  /** Resolves a name as the pod's resolver would (search domains applied by the host). */
  resolve?(name: string): DnsResult;
  /** Sends one HTTP request from this pod. */
  http?(req: HttpRequest): HttpResult;
}

export const standardStatusText: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

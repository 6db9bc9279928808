/** One recorded API call, watch notification or store write, as the UI animates and narrates it. */
export interface TrafficView {
  id: number;
  /** Sim time in ms. */
  t: number;
  kind: 'request' | 'watch' | 'store';
  from: string;
  to: string;
  /** get, list, create, update, patch, delete …; ADDED/MODIFIED/DELETED for watch; put/delete for store. */
  verb: string;
  resource?: string;
  subresource?: string;
  namespace?: string;
  name?: string;
  /** Store writes: the etcd key. */
  path?: string;
  status?: number;
  reason?: string;
  /** The worker kept this request's body: ask with `requestDetail`. */
  detail?: boolean;
}

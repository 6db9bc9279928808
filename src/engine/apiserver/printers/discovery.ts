/** Printers of the discovery.k8s.io group. */
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1';
import { DOC } from './descriptions';
import { listWithMoreString } from './format';
import { translateTimestampSince } from './time';
import { AGE_COLUMN, NAME_COLUMN, column, type Printer } from './types';

const MAX = 3;

function formatPorts(ports: readonly EndpointPort[] | undefined): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const port of ports ?? []) {
    if (list.length < MAX) list.push(port.port !== undefined ? String(port.port) : port.name !== undefined ? port.name : '*');
    else if (list.length === MAX) more = true;
    count++;
  }
  return listWithMoreString(list, more, count, MAX);
}

function formatEndpoints(endpoints: readonly Endpoint[] | undefined): string {
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const endpoint of endpoints ?? []) {
    for (const address of endpoint.addresses ?? []) {
      if (list.length < MAX) list.push(address);
      else if (list.length === MAX) more = true;
      count++;
    }
  }
  return listWithMoreString(list, more, count, MAX);
}

export const endpointSlicePrinter: Printer = {
  columns: [
    NAME_COLUMN,
    column('AddressType', 'string', DOC['eps.addressType']),
    column('Ports', 'string', DOC['eps.ports']),
    column('Endpoints', 'string', DOC['eps.endpoints']),
    AGE_COLUMN,
  ],
  row: (obj: EndpointSlice, nowMs) => [
    obj.metadata?.name ?? '',
    obj.addressType ?? '',
    formatPorts(obj.ports),
    formatEndpoints(obj.endpoints),
    translateTimestampSince(obj.metadata?.creationTimestamp, nowMs),
  ],
};

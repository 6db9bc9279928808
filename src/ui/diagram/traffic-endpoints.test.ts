import { expect, it } from 'vitest';
import { endpointPlace, rectFor } from './traffic-endpoints';

it('maps clients to the component that hosts them', () => {
  expect(endpointPlace('kubectl')).toBe('users');
  expect(endpointPlace('deployment-controller')).toBe('kube-controller-manager');
  expect(endpointPlace('service-controller')).toBe('cloud-controller-manager');
  expect(endpointPlace('default-scheduler')).toBe('kube-scheduler');
  expect(endpointPlace('system:node:worker-1')).toBe('node/worker-1');
  const places = new Map([
    ['users', { x: 0, y: 0, width: 1, height: 1 }],
    ['node/worker-2', { x: 5, y: 5, width: 1, height: 1 }],
  ]);
  expect(rectFor('worker-2', places)).toEqual({ x: 5, y: 5, width: 1, height: 1 });
  expect(rectFor('someone', places)).toEqual({ x: 0, y: 0, width: 1, height: 1 });
});

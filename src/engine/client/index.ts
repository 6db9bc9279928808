/** The client side of the cluster: REST client, informers, work queues, the controller runtime, leader election. */
export * from './api-result';
export * from './paths';
export * from './rest-client';
export * from './object-keys';
export * from './indexer';
export * from './lister';
export * from './reflector';
export * from './informer';
export * from './informer-factory';
export * from './rate-limiter';
export * from './workqueue';
export * from './reconciler';
export * from './event-mappers';
export * from './decision-log';
export * from './controller';
export * from './leader-election';

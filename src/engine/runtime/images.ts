/** Image references, the catalog of known images, and pulling. */
export { applyDefaultImageTag, parseNormalizedNamed, formatReference, familiarName, repositoryName, ReferenceError, type ImageReference, type DefaultTagResult } from './image/reference';
export { findFamily, knownRepositories, type ImageConfig, type ShellKind } from './image/catalog';
export { resolveImage, fakeDigest, goDuration, pulledEventMessage, KNOWN_REGISTRIES, type PullResult, type PullOptions, type GrpcCode } from './image/pull';

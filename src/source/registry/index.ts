export { pullImage, resolveRemote, type PullOptions } from './pull.js';
export { RegistryClient, parseChallenge } from './client.js';
export { BlobCache } from './blob-cache.js';
export { findCredentials, type Credentials } from './credentials.js';
export { parseReference, formatReference, isLoopback, type ImageRef } from './reference.js';

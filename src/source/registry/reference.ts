import { usageError } from '../../core/errors.js';

/** An image reference, parsed the way the Docker CLI does (Docker Hub short names expanded). */
export interface ImageRef {
  registry: string; // host[:port] as written, with docker.io for Docker Hub
  repository: string; // library/alpine, team/app
  tag?: string;
  digest?: string;
  /** The host to talk to (Docker Hub's API lives at registry-1.docker.io). */
  apiHost: string;
}

const DIGEST = /^sha256:[a-f0-9]{64}$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

export function parseReference(ref: string): ImageRef {
  let rest = ref.trim();
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at !== -1) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw usageError(`invalid digest in image reference "${ref}"`, 'image reference');
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw usageError(`invalid tag "${tag}" in image reference "${ref}"`, 'image reference');
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) {
    registry = parts.shift()!;
  }
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  if (registry === 'docker.io' && parts.length === 1) parts.unshift('library');
  const repository = parts.join('/');
  if (!repository || !parts.every((p) => COMPONENT.test(p))) throw usageError(`invalid repository name in image reference "${ref}"`, 'image reference');
  if (!tag && !digest) tag = 'latest';
  return { registry, repository, tag, digest, apiHost: registry === 'docker.io' ? 'registry-1.docker.io' : registry };
}

export function formatReference(r: ImageRef): string {
  return `${r.registry}/${r.repository}${r.tag ? ':' + r.tag : ''}${r.digest ? '@' + r.digest : ''}`;
}

/** Loopback registries may speak plain HTTP; anything else needs --insecure for that. */
export function isLoopback(host: string): boolean {
  const h = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h);
}

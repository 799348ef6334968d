import { createHash } from 'node:crypto';
import { CoastguardError, ExitCode } from '../../core/errors.js';
import type { Platform } from '../../source/platform.js';
import { RegistryClient } from '../../source/registry/client.js';
import { findCredentials, type Credentials } from '../../source/registry/credentials.js';
import { resolveRemote } from '../../source/registry/pull.js';
import { parseReference } from '../../source/registry/reference.js';
import { compareTags, parseTag } from './tag-versions.js';

export interface RegistryOptions {
  platform: Platform;
  insecure?: boolean;
  credentials?: Credentials;
}

/** "host/repo:tag@sha256:…" → the repository as written, its tag and digest. */
export function splitName(name: string): { repo: string; tag?: string; digest?: string } {
  const at = name.indexOf('@');
  const digest = at >= 0 ? name.slice(at + 1) : undefined;
  const rest = at >= 0 ? name.slice(0, at) : name;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) return { repo: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { repo: rest, digest };
}

/** Every tag of a repository (the distribution API's tags/list, following its `Link` pages). */
export async function listTags(repo: string, opts: RegistryOptions): Promise<string[]> {
  const ref = parseReference(repo);
  const client = new RegistryClient(ref, { insecure: opts.insecure, credentials: findCredentials(ref.registry, opts.credentials) });
  const tags: string[] = [];
  let path = '/tags/list?n=1000';
  for (let page = 0; page < 100; page++) {
    const res = await client.request(path);
    if (res.status === 404) throw new CoastguardError(`repository unknown: ${ref.repository}`, ref.registry, ExitCode.INPUT);
    if (!res.ok) throw new CoastguardError(`registry answered HTTP ${res.status} listing tags`, repo, ExitCode.NETWORK);
    const body = (await res.json()) as { tags?: string[] | null };
    tags.push(...(body.tags ?? []));
    const last = /[?&]last=([^&>]+)/.exec(res.headers.get('link') ?? '')?.[1];
    if (!last) break;
    path = `/tags/list?n=1000&last=${last}`;
  }
  return tags;
}

/** Tags checked when looking for the base by its layers: the newest versions first. */
const MAX_TAGS_CHECKED = 100;

/**
 * The tag whose layers are the longest prefix of `diffIDs`: the image was built FROM it. Tags of
 * one digest are told apart by precision ("12.5-slim" over "12-slim").
 */
export async function findBaseByLayers(repo: string, tags: string[], diffIDs: string[], opts: RegistryOptions): Promise<{ tag: string; digest: string } | undefined> {
  const ordered = [...tags].sort((a, b) => {
    const pa = parseTag(a);
    const pb = parseTag(b);
    if (pa && pb) return compareTags(pb, pa) || pb.precision - pa.precision;
    return pa ? -1 : pb ? 1 : a.localeCompare(b);
  });
  let best: { tag: string; digest: string; layers: number; precision: number } | undefined;
  for (const tag of ordered.slice(0, MAX_TAGS_CHECKED)) {
    const r = await resolveRemote(`${repo}:${tag}`, opts);
    const body = Buffer.from(await (await r.client.getBlob(r.manifest.config.digest)).arrayBuffer());
    if ('sha256:' + createHash('sha256').update(body).digest('hex') !== r.manifest.config.digest) {
      throw new CoastguardError(`digest mismatch: config of ${tag} does not hash to ${r.manifest.config.digest}`, repo, ExitCode.INPUT);
    }
    let layers: string[];
    try {
      layers = (JSON.parse(body.toString('utf8')) as { rootfs?: { diff_ids?: string[] } }).rootfs?.diff_ids ?? [];
    } catch {
      throw new CoastguardError(`image config of ${tag} is not JSON`, repo, ExitCode.INPUT);
    }
    if (layers.length === 0 || layers.length > diffIDs.length || !layers.every((d, i) => d === diffIDs[i])) continue;
    const precision = parseTag(tag)?.precision ?? 0;
    if (!best || layers.length > best.layers || (layers.length === best.layers && precision > best.precision)) {
      best = { tag, digest: r.topDigest, layers: layers.length, precision };
    }
  }
  return best && { tag: best.tag, digest: best.digest };
}

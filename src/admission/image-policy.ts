import type { KeyObject } from 'node:crypto';
import { fingerprint, type Finding, type Severity } from '../core/index.js';
import { containersOf, podOf, type K8sObject } from '../misconfig/kubernetes/objects.js';
import { parseImageRef } from '../policy/index.js';
import { verifyImage } from '../source/registry/cosign.js';
import type { Credentials } from '../source/registry/credentials.js';
import { hostPlatform } from '../source/platform.js';
import { BackgroundCache, type Lookup } from './background-cache.js';

/**
 * Image rules of the webhook, on the pod spec of every workload kind and of CRDs that embed a
 * pod template (podOf, as the misconfig pack reads them). Registry and digest rules are pure;
 * signature and scan rules only read BackgroundCache, so no request waits for the network.
 */
export interface ImagePolicyOptions {
  /** `registry` or `registry/repository-prefix` entries; empty: any registry. */
  trustedRegistries?: string[];
  requireDigest?: boolean;
  /** Images from these registries must carry a cosign signature valid under one of the keys. */
  signatures?: { registry: string; keys: KeyObject[] }[];
  /** `--server URL --token T`: no fixable CRITICAL vulnerability in the image's last stored scan. */
  server?: { url: string; token?: string };
  /** Severities of fixable vulnerabilities that deny (`--vuln-severity`; default CRITICAL). */
  vulnSeverities?: Severity[];
  /** What an image whose signature or scan is not known yet does: admitted with a warning, or denied. */
  unknown?: 'allow' | 'deny';
  /** Registry lookups over plain HTTP (loopback registries always are). */
  insecure?: boolean;
  /** Registry credentials for signature lookups (else the environment and ~/.docker/config.json). */
  credentials?: Credentials;
}

export const IMAGE_RULES = {
  untrusted: { id: 'CG-ADM-001', slug: 'untrusted-registry', severity: 'HIGH', title: 'Image from a registry that is not trusted', fix: 'Pull the image from one of the trusted registries (--trusted-registry), or mirror it there.' },
  unpinned: { id: 'CG-ADM-002', slug: 'image-not-pinned', severity: 'HIGH', title: 'Image not pinned by digest', fix: 'Reference the image as name@sha256:… (`coastguard pin` rewrites manifests).' },
  unsigned: { id: 'CG-ADM-003', slug: 'unsigned-image', severity: 'CRITICAL', title: 'Image has no valid cosign signature', fix: 'Sign the image digest with cosign under one of the configured keys, or deploy a signed digest.' },
  vulnerable: { id: 'CG-ADM-004', slug: 'fixable-vulnerability', severity: 'CRITICAL', title: 'Image has fixable vulnerabilities of a denied severity (CRITICAL by default) in its last scan', fix: 'Rebuild the image with the fixed package versions and deploy the new digest.' },
} as const satisfies Record<string, { id: string; slug: string; severity: Severity; title: string; fix: string }>;

type RuleKey = keyof typeof IMAGE_RULES;

export interface SignatureVerdict { signed: boolean; digest: string; detail: string }
export interface ScanVerdict { scanned: boolean; fixable: string[] }

/** Ids of the fixable vulnerabilities of these severities in a list of native findings. */
function fixableIds(list: unknown, severities: Severity[]): string[] {
  if (!Array.isArray(list)) return [];
  return list
    .filter((f) => {
      const x = f as { kind?: string; severity?: string; fixedVersion?: string; status?: string };
      return (x.kind === undefined || x.kind === 'vulnerability') && severities.includes(String(x.severity).toUpperCase() as Severity) && ((typeof x.fixedVersion === 'string' && x.fixedVersion !== '') || x.status === 'fixed');
    })
    .map((f) => String((f as { id?: unknown }).id ?? 'unknown'));
}

/**
 * The image's fixable vulnerabilities of these severities in its last stored scan, from the
 * server's API (docs/server.md): GET /api/v1/images/{digest}/findings?kind=vulnerability, answered
 * as a list page `{items, total, …}`. 404 means the server never stored a scan of it.
 */
export async function fetchServerScan(server: { url: string; token?: string }, digest: string, severities: Severity[] = ['CRITICAL']): Promise<ScanVerdict> {
  const u = `${server.url.replace(/\/+$/, '')}/api/v1/images/${encodeURIComponent(digest)}/findings?kind=vulnerability&limit=10000`;
  const res = await fetch(u, {
    headers: { accept: 'application/json', ...(server.token ? { authorization: `Bearer ${server.token}` } : {}) },
    signal: AbortSignal.timeout(15_000),
  });
  if (res.status === 404) return { scanned: false, fixable: [] };
  if (!res.ok) throw new Error(`server answered HTTP ${res.status}`);
  const body = (await res.json()) as { items?: unknown };
  if (!Array.isArray(body?.items)) throw new Error('server answer has no items list');
  return { scanned: true, fixable: [...new Set(fixableIds(body.items, severities))].sort() };
}

export class ImagePolicy {
  readonly signatures?: BackgroundCache<SignatureVerdict>;
  readonly scans?: BackgroundCache<ScanVerdict>;

  constructor(readonly opts: ImagePolicyOptions) {
    if (opts.signatures?.length) {
      const platform = hostPlatform();
      this.signatures = new BackgroundCache(async (ref) => {
        const keys = this.keysFor(parseImageRef(ref).registry) ?? [];
        const r = await verifyImage(ref, keys, { platform, insecure: opts.insecure, credentials: opts.credentials });
        return { signed: r.verified.length > 0, digest: r.digest, detail: r.verified.length ? 'verified' : r.problems[0] ?? 'no signature' };
      }, { ttlMs: 10 * 60_000, retryMs: 15_000 });
    }
    const server = opts.server;
    if (server) this.scans = new BackgroundCache((digest) => fetchServerScan(server, digest, opts.vulnSeverities), { ttlMs: 5 * 60_000, retryMs: 15_000 });
  }

  /** Whether any image rule is switched on (otherwise pod specs are not even looked at). */
  get active(): boolean {
    return Boolean(this.opts.trustedRegistries?.length || this.opts.requireDigest || this.signatures || this.scans);
  }

  private keysFor(registry: string): KeyObject[] | undefined {
    return this.opts.signatures?.find((s) => s.registry === registry)?.keys;
  }

  /** Findings for every container image of the object's pod spec; `unknown` lists lookups still pending. */
  check(obj: K8sObject, path: string): { findings: Finding[]; pending: string[] } {
    const findings: Finding[] = [];
    const pending: string[] = [];
    if (!this.active) return { findings, pending };
    const pod = podOf(obj);
    if (!pod) return { findings, pending };
    const seen = new Set<string>();
    const object = `${obj.kind}/${obj.namespace ? obj.namespace + '/' : ''}${obj.name}`;
    const add = (key: RuleKey, image: string, message: string) => {
      const r = IMAGE_RULES[key];
      findings.push({
        kind: 'policy', id: r.id, aliases: [], slug: r.slug, severity: r.severity, title: r.title, fix: r.fix,
        description: `${object}: ${message}`, target: path, location: { path }, object,
        fingerprint: fingerprint('policy', r.id, path, image),
      });
    };
    // Warnings are cut at 120 characters: a short digest keeps the reason visible.
    const short = (image: string) => image.replace(/@(sha256:[0-9a-f]{12})[0-9a-f]{52}$/, '@$1…');
    const unknown = (key: RuleKey, image: string, l: Lookup<unknown>, what: string) => {
      if (l.state !== 'unknown') return;
      pending.push(`${short(image)}: ${what} unknown (${l.why})`);
      if (this.opts.unknown === 'deny') add(key, image, `image "${image}": ${what} not known yet (${l.why}); unknown images are denied`);
    };
    for (const c of containersOf(pod)) {
      const image = typeof c.c.image === 'string' ? c.c.image : '';
      if (!image || seen.has(image)) continue;
      seen.add(image);
      const ref = parseImageRef(image);
      const trusted = this.opts.trustedRegistries ?? [];
      const full = `${ref.registry}/${ref.repository}`;
      if (trusted.length && !trusted.some((t) => full === t || full.startsWith(t.replace(/\/+$/, '') + '/'))) {
        add('untrusted', image, `container "${c.name}" image "${image}" comes from ${ref.registry}, not a trusted registry (${trusted.join(', ')})`);
      }
      if (this.opts.requireDigest && !ref.digest) add('unpinned', image, `container "${c.name}" image "${image}" is not pinned by digest`);
      if (this.signatures && this.keysFor(ref.registry)) {
        // Keyed by the exact reference: a digest's signature never changes; a tag is re-checked after the TTL.
        const l = this.signatures.get(`${full}${ref.tag && !ref.digest ? ':' + ref.tag : ''}${ref.digest ? '@' + ref.digest : ''}`);
        if (l.state === 'known' && !l.value.signed) add('unsigned', image, `image "${image}" (${l.value.digest}) has no valid cosign signature: ${l.value.detail}`);
        unknown('unsigned', image, l, 'signature');
      }
      if (this.scans) {
        if (!ref.digest) {
          pending.push(`${short(image)}: no digest, so no stored scan can be looked up`);
          if (this.opts.unknown === 'deny') add('vulnerable', image, `image "${image}" has no digest, so its last scan cannot be checked; unknown images are denied`);
        } else {
          const l = this.scans.get(ref.digest);
          const fixable = l.state === 'known' ? l.value.fixable : [];
          if (fixable.length) {
            const what = (this.opts.vulnSeverities ?? ['CRITICAL']).join('/');
            add('vulnerable', image, `image "${image}" has ${fixable.length} fixable ${what} vulnerabilities in its last scan: ${fixable.slice(0, 5).join(', ')}${fixable.length > 5 ? ', …' : ''}`);
          } else if (l.state === 'known' && !l.value.scanned) {
            pending.push(`${short(image)}: never scanned by the server`);
            if (this.opts.unknown === 'deny') add('vulnerable', image, `image "${image}" was never scanned by the server; unknown images are denied`);
          }
          unknown('vulnerable', image, l, 'last scan');
        }
      }
    }
    return { findings, pending };
  }
}

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Hostile inputs made at test time, byte by byte: tar headers with lying size fields, PAX records
 * and images around them. Nothing here validates; that is the point.
 */
const BLOCK = 512;

export interface HeaderSpec {
  name: string;
  size?: number;
  type?: string;
  linkname?: string;
  /** Raw 12-byte size field (base-256, garbage…) instead of the octal of `size`. */
  sizeField?: Buffer;
  /** Permission bits (default 0644, 0755 for directories). */
  mode?: number;
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

export function header(h: HeaderSpec): Buffer {
  const b = Buffer.alloc(BLOCK);
  b.write(h.name, 0, 100, 'utf8');
  b.write(octal(h.mode ?? (h.type === '5' ? 0o755 : 0o644), 8), 100, 'latin1');
  b.write(octal(0, 8), 108, 'latin1');
  b.write(octal(0, 8), 116, 'latin1');
  if (h.sizeField) h.sizeField.copy(b, 124, 0, 12);
  else b.write(octal(h.size ?? 0, 12), 124, 'latin1');
  b.write(octal(0, 12), 136, 'latin1');
  b.write(h.type ?? '0', 156, 'latin1');
  if (h.linkname) b.write(h.linkname, 157, 100, 'utf8');
  b.write('ustar\0', 257, 'latin1');
  b.write('00', 263, 'latin1');
  b.fill(0x20, 148, 156);
  let sum = 0;
  for (const x of b) sum += x;
  b.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return b;
}

export const padBlock = (body: Buffer) => Buffer.concat([body, Buffer.alloc((BLOCK - (body.length % BLOCK)) % BLOCK)]);

export interface Entry {
  name: string;
  body?: Buffer | string;
  type?: string;
  linkname?: string;
  mode?: number;
}

/** A well-formed tar of these entries (end-of-archive blocks unless `end: false`). */
export function tar(entries: Entry[], opts: { end?: boolean } = {}): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const body = typeof e.body === 'string' ? Buffer.from(e.body) : (e.body ?? Buffer.alloc(0));
    parts.push(header({ name: e.name, size: body.length, type: e.type, linkname: e.linkname, mode: e.mode }), padBlock(body));
  }
  if (opts.end !== false) parts.push(Buffer.alloc(2 * BLOCK));
  return Buffer.concat(parts);
}

/** PAX extended header records (`LEN key=value\n`), lengths computed as the format wants. */
export function paxRecords(records: Record<string, string>): Buffer {
  let out = '';
  for (const [k, v] of Object.entries(records)) {
    const rest = ` ${k}=${v}\n`;
    let len = rest.length + 1;
    while (String(len).length + rest.length !== len) len = String(len).length + rest.length;
    out += len + rest;
  }
  return Buffer.from(out);
}

export const sha256 = (b: Buffer) => 'sha256:' + createHash('sha256').update(b).digest('hex');

export interface ImageSpec {
  layers: Buffer[];
  /** Overrides the config's rootfs.diff_ids (default: the layers' real ones). */
  diffIDs?: unknown;
  /** Replaces the whole config JSON. */
  config?: unknown;
  /** Replaces the whole manifest.json. */
  manifest?: unknown;
  /** Layer names listed in manifest.json (default: one per layer). */
  layerNames?: string[];
}

/** A `docker save`-style archive around raw layer tars: manifest.json, config, layer files. */
export function dockerArchive(dir: string, spec: ImageSpec, file = 'image.tar'): string {
  const config = Buffer.from(JSON.stringify(spec.config ?? {
    architecture: 'amd64',
    os: 'linux',
    rootfs: { type: 'layers', diff_ids: spec.diffIDs ?? spec.layers.map(sha256) },
  }));
  const configName = sha256(config).slice(7) + '.json';
  const names = spec.layers.map((_, i) => `l${i}/layer.tar`);
  const manifest = spec.manifest ?? [{ Config: configName, RepoTags: ['hostile:t'], Layers: spec.layerNames ?? names }];
  const path = join(dir, file);
  writeFileSync(path, tar([
    { name: 'manifest.json', body: JSON.stringify(manifest) },
    { name: configName, body: config },
    ...spec.layers.map((l, i) => ({ name: names[i], body: l })),
  ]));
  return path;
}

/** Writes a blob into an OCI layout directory under its digest; returns the digest. */
export function putBlob(layout: string, body: Buffer | string): string {
  const b = typeof body === 'string' ? Buffer.from(body) : body;
  const d = sha256(b);
  mkdirSync(join(layout, 'blobs', 'sha256'), { recursive: true });
  writeFileSync(join(layout, 'blobs', 'sha256', d.slice(7)), b);
  return d;
}

/**
 * An OCI layout directory. Each part can be replaced by raw JSON (any shape) to test validation;
 * by default a valid one-layer image.
 */
export function ociLayout(layout: string, spec: { layers?: Buffer[]; config?: unknown; manifest?: (configDigest: string, layerDigests: string[]) => unknown; index?: (manifestDigest: string) => unknown } = {}): string {
  mkdirSync(layout, { recursive: true });
  const layers = spec.layers ?? [tar([{ name: 'etc/hostname', body: 'box\n' }])];
  const layerDigests = layers.map((l) => putBlob(layout, l));
  const config = spec.config ?? { architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: layers.map(sha256) } };
  const configDigest = putBlob(layout, JSON.stringify(config));
  const manifest = spec.manifest?.(configDigest, layerDigests) ?? {
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: configDigest, size: JSON.stringify(config).length },
    layers: layerDigests.map((digest, i) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest, size: layers[i].length })),
  };
  const manifestDigest = putBlob(layout, JSON.stringify(manifest));
  const index = spec.index?.(manifestDigest) ?? { schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: manifestDigest, size: JSON.stringify(manifest).length }] };
  writeFileSync(join(layout, 'index.json'), JSON.stringify(index));
  writeFileSync(join(layout, 'oci-layout'), '{"imageLayoutVersion":"1.0.0"}');
  return layout;
}

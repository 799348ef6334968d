import { z } from 'zod';
import { inputError } from '../core/errors.js';
import type { ImageIndex, ImageManifest } from './manifest.js';
import type { RawImageConfig } from './types.js';

/**
 * Schemas of every image JSON document we read from outside (docker-archive manifest.json, OCI
 * index, image manifest, image config — from a file or a registry). A document is checked before
 * any field is used: a wrong shape is exit 3 naming the document and the field, never a crash
 * deeper in. Unknown fields pass (loose objects); only what we use is constrained.
 */
const digest = z.string().regex(/^sha256:[a-f0-9]{64}$/, 'must be a sha256 digest (sha256:<64 hex>)');
const strings = z.array(z.string());
const stringMap = z.record(z.string(), z.string());

const platform = z.looseObject({
  architecture: z.string(),
  os: z.string(),
  variant: z.string().optional(),
  'os.version': z.string().optional(),
});

export const descriptorSchema = z.looseObject({
  mediaType: z.string().optional(),
  digest,
  size: z.number().int().nonnegative().optional(),
  platform: platform.optional(),
  annotations: stringMap.optional(),
});

export const indexSchema = z.looseObject({
  schemaVersion: z.number().optional(),
  mediaType: z.string().optional(),
  manifests: z.array(descriptorSchema),
});

export const manifestSchema = z.looseObject({
  schemaVersion: z.number().optional(),
  mediaType: z.string().optional(),
  config: descriptorSchema,
  layers: z.array(descriptorSchema),
  annotations: stringMap.optional(),
});


export const dockerManifestJsonSchema = z
  .array(
    z.looseObject({
      Config: z.string().min(1),
      RepoTags: strings.nullable().optional(),
      Layers: z.array(z.string().min(1)),
    }),
  )
  .min(1, 'lists no images');

// Docker writes `null` for absent lists; the rest of the code knows only "absent".
const nullableStrings = strings.nullish().transform((v) => v ?? undefined);
export const imageConfigSchema = z.looseObject({
  architecture: z.string().optional(),
  os: z.string().optional(),
  variant: z.string().optional(),
  created: z.string().optional(),
  config: z
    .looseObject({
      User: z.string().optional(),
      Env: nullableStrings,
      Entrypoint: nullableStrings,
      Cmd: nullableStrings,
      Labels: stringMap.nullish(),
      WorkingDir: z.string().optional(),
      ExposedPorts: z.record(z.string(), z.unknown()).nullish().transform((v) => v ?? undefined),
    })
    .nullish()
    .transform((v) => v ?? undefined),
  rootfs: z.looseObject({ type: z.string(), diff_ids: z.array(digest) }, { error: (i) => (i.input == null ? 'is required (an object with diff_ids)' : 'must be an object with diff_ids') }),
  history: z.array(z.looseObject({ created_by: z.string().optional(), empty_layer: z.boolean().optional() })).nullish().transform((v) => v ?? undefined),
});

const SCHEMA1 = /^application\/vnd\.docker\.distribution\.manifest\.v1\+(prettyjws|json)$/;

function fieldPath(path: PropertyKey[]): string {
  let out = '';
  for (const k of path) out += typeof k === 'number' ? `[${k}]` : out ? `.${String(k)}` : String(k);
  return out || '(top level)';
}

/**
 * Parses and validates one document. `what` names it (`manifest.json`, `config sha256:…`), `where`
 * the archive, directory or registry it came from. Docker schema 1 manifests are refused by name.
 */
export function parseImageJson<S extends z.ZodType>(buf: Buffer, schema: S, what: string, where: string): z.infer<S> {
  let doc: unknown;
  try {
    doc = JSON.parse(buf.toString('utf8'));
  } catch (e) {
    throw inputError(`${what} is not valid JSON (${(e as Error).message})`, where);
  }
  const o = doc as { schemaVersion?: unknown; mediaType?: unknown } | null;
  if (o && typeof o === 'object' && (o.schemaVersion === 1 || (typeof o.mediaType === 'string' && SCHEMA1.test(o.mediaType)))) {
    throw inputError(`${what} is a Docker schema 1 manifest, which is not supported (deprecated since Docker 1.10; push the image again with a current client)`, where);
  }
  const r = schema.safeParse(doc);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw inputError(`${what} is not a valid document: field ${fieldPath(issue.path)}: ${issue.message}`, where);
  }
  return r.data;
}

const INDEX_TYPES = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);

/** A document that may be an index or a manifest: its media type (or a `manifests` key) decides which schema applies. */
export function parseManifestOrIndex(buf: Buffer, what: string, where: string): ImageIndex | ImageManifest {
  const peek = parseImageJson(buf, z.looseObject({ mediaType: z.string().optional() }), what, where) as { mediaType?: string; manifests?: unknown };
  const index = peek.mediaType ? INDEX_TYPES.has(peek.mediaType) : peek.manifests !== undefined;
  return index ? parseImageJson(buf, indexSchema, what, where) : parseImageJson(buf, manifestSchema, what, where);
}

export const parseImageConfig = (buf: Buffer, what: string, where: string): RawImageConfig => parseImageJson(buf, imageConfigSchema, what, where) as RawImageConfig;

import { resolve } from 'node:path';
import { PackageURL } from 'packageurl-js';
import { z } from 'zod';
import { configError, type Artifact, type Finding } from '../core/index.js';
import { readSource, validate, lineOf, type SourceDoc } from './source-map.js';
import { append } from '../core/arrays.js';

/** One VEX statement, from either format, in OpenVEX's words. */
export interface VexStatement {
  vulnerability: string;
  aliases: string[];
  /** Product identifiers (purls, image references); empty = every product. */
  products: { id: string; subcomponents: string[] }[];
  status: 'not_affected' | 'affected' | 'fixed' | 'under_investigation';
  justification?: string;
  statement?: string;
  timestamp?: string;
  /** file:line of the statement. */
  where: string;
  file: string;
}

const str = z.string({ error: (i) => (i.input === undefined ? 'is required' : 'must be a string') }).min(1, 'must not be empty');

const product = z.union([
  str,
  z.looseObject({
    '@id': str.optional(),
    identifiers: z.looseObject({ purl: str.optional() }).optional(),
    subcomponents: z.array(z.union([str, z.looseObject({ '@id': str.optional(), identifiers: z.looseObject({ purl: str.optional() }).optional() })])).optional(),
  }),
], { error: () => 'must be a product id or an object with "@id"' });

const OPENVEX_STATUS = ['not_affected', 'affected', 'fixed', 'under_investigation'] as const;
const openVex = z.looseObject({
  '@context': str.refine((s) => s.startsWith('https://openvex.dev/ns'), 'must be an OpenVEX context (https://openvex.dev/ns/…)'),
  timestamp: str.optional(),
  statements: z.array(
    z
      .looseObject({
        vulnerability: z.union([str, z.looseObject({ name: str, '@id': str.optional(), aliases: z.array(str).optional() })], {
          error: (i) => (i.input === undefined ? 'is required' : 'must be a name or {name}'),
        }),
        products: z.array(product).optional(),
        status: z.enum(OPENVEX_STATUS, { error: () => `must be one of ${OPENVEX_STATUS.join(', ')}` }),
        justification: str.optional(),
        impact_statement: str.optional(),
        status_notes: str.optional(),
        timestamp: str.optional(),
      })
      .refine((s) => s.status !== 'not_affected' || s.justification || s.impact_statement, {
        message: 'a not_affected statement needs a "justification" or an "impact_statement"',
      }),
    { error: (i) => (i.input === undefined ? 'is required' : 'must be a list') },
  ),
});

const CDX_STATES = ['resolved', 'resolved_with_pedigree', 'exploitable', 'in_triage', 'false_positive', 'not_affected'] as const;
const cdxVex = z.looseObject({
  bomFormat: z.literal('CycloneDX'),
  components: z.array(z.looseObject({ 'bom-ref': z.string().optional(), purl: z.string().optional() })).optional(),
  metadata: z.looseObject({ component: z.looseObject({ 'bom-ref': z.string().optional(), purl: z.string().optional() }).optional() }).optional(),
  vulnerabilities: z.array(
    z.looseObject({
      id: str,
      references: z.array(z.looseObject({ id: str })).optional(),
      analysis: z.looseObject({
        state: z.enum(CDX_STATES, { error: () => `must be one of ${CDX_STATES.join(', ')}` }),
        justification: z.string().optional(),
        detail: z.string().optional(),
      }, { error: (i) => (i.input === undefined ? 'is required (a VEX entry says its analysis.state)' : 'must be an object') }),
      affects: z.array(z.looseObject({ ref: str })).optional(),
      updated: z.string().optional(),
    }),
    { error: (i) => (i.input === undefined ? 'is required' : 'must be a list') },
  ),
});

function fromOpenVex(src: SourceDoc): VexStatement[] {
  const doc = validate(src, openVex, 'OpenVEX document');
  return doc.statements.map((s, i) => {
    const vuln = typeof s.vulnerability === 'string' ? { name: s.vulnerability, aliases: [] as string[] } : s.vulnerability;
    const ids = (p: z.infer<typeof product>) => (typeof p === 'string' ? [p] : [p['@id'], p.identifiers?.purl].filter((x): x is string => !!x));
    return {
      vulnerability: vuln.name,
      aliases: [...(vuln.aliases ?? []), ...(vuln['@id'] && !/^https?:/.test(vuln['@id']) ? [vuln['@id']] : [])],
      products: (s.products ?? []).flatMap((p) =>
        ids(p).map((id) => ({
          id,
          subcomponents: typeof p === 'string' ? [] : (p.subcomponents ?? []).flatMap((c) => (typeof c === 'string' ? [c] : [c['@id'], c.identifiers?.purl].filter((x): x is string => !!x))),
        })),
      ),
      status: s.status,
      justification: s.justification,
      statement: s.impact_statement ?? s.status_notes,
      timestamp: s.timestamp ?? doc.timestamp,
      where: `${src.file}:${lineOf(src, ['statements', i])}`,
      file: src.file,
    };
  });
}

function fromCycloneDx(src: SourceDoc): VexStatement[] {
  const doc = validate(src, cdxVex, 'CycloneDX VEX document');
  const purlOf = new Map<string, string>();
  for (const c of [...(doc.components ?? []), ...(doc.metadata?.component ? [doc.metadata.component] : [])]) {
    if (c['bom-ref'] && c.purl) purlOf.set(c['bom-ref'], c.purl);
  }
  return doc.vulnerabilities.flatMap((v, i) => {
    const state = v.analysis.state;
    const status: VexStatement['status'] =
      state === 'not_affected' || state === 'false_positive' ? 'not_affected'
      : state === 'resolved' || state === 'resolved_with_pedigree' ? 'fixed'
      : state === 'exploitable' ? 'affected'
      : 'under_investigation';
    return [{
      vulnerability: v.id,
      aliases: (v.references ?? []).map((r) => r.id),
      products: (v.affects ?? []).map((a) => {
        const ref = a.ref.includes('#') && a.ref.startsWith('urn:cdx:') ? decodeURIComponent(a.ref.slice(a.ref.indexOf('#') + 1)) : a.ref;
        return { id: purlOf.get(ref) ?? ref, subcomponents: [] };
      }),
      status,
      justification: v.analysis.justification,
      statement: v.analysis.detail,
      timestamp: v.updated,
      where: `${src.file}:${lineOf(src, ['vulnerabilities', i])}`,
      file: src.file,
    }];
  });
}

/** Reads OpenVEX and CycloneDX VEX documents (JSON); the format is told by the document itself. */
export function loadVex(files: string[], cwd: string = process.cwd()): VexStatement[] {
  const out: VexStatement[] = [];
  for (const f of files) {
    const file = resolve(cwd, f);
    const src = readSource(file, 'VEX document');
    const v = src.value as Record<string, unknown> | null;
    if (v && typeof v === 'object' && typeof v['@context'] === 'string') append(out, fromOpenVex(src));
    else if (v && typeof v === 'object' && v.bomFormat === 'CycloneDX') out.push(...fromCycloneDx(src));
    else throw configError('invalid VEX document: neither OpenVEX ("@context") nor CycloneDX ("bomFormat")', `${file}:1`);
  }
  return out;
}

function parsePurl(s: string): PackageURL | undefined {
  if (!s.startsWith('pkg:')) return undefined;
  try {
    return PackageURL.fromString(s);
  } catch {
    return undefined;
  }
}

/** A product purl matches a package purl when type/namespace/name agree and its version and qualifiers (if any) do too. */
export function purlMatches(product: string, pkg: string | undefined): boolean {
  if (!pkg) return false;
  const a = parsePurl(product);
  const b = parsePurl(pkg);
  if (!a || !b) return product === pkg;
  if (a.type !== b.type || (a.namespace ?? '').toLowerCase() !== (b.namespace ?? '').toLowerCase() || a.name.toLowerCase() !== b.name.toLowerCase()) return false;
  if (a.version && a.version !== b.version) return false;
  for (const [k, v] of Object.entries(a.qualifiers ?? {})) if (b.qualifiers?.[k] !== v) return false;
  return true;
}

function isArtifact(id: string, artifact: Artifact): boolean {
  if (id === artifact.name || id === artifact.digest) return true;
  if (artifact.image?.repoTags?.includes(id) || artifact.image?.repoDigests?.includes(id)) return true;
  const p = parsePurl(id);
  if (p?.type === 'oci') {
    const repo = artifact.name.replace(/@.*$/, '').replace(/:[^/]*$/, '').split('/').pop()?.toLowerCase();
    return p.name.toLowerCase() === repo && (!p.version || p.version === artifact.digest);
  }
  return false;
}

const findingPurl = (f: Finding) => (f.package as { purl?: string } | undefined)?.purl ?? (typeof f.purl === 'string' ? f.purl : undefined);

/** Does this statement speak about this finding (vulnerability id or alias, and product)? */
export function statementMatches(s: VexStatement, f: Finding, artifact: Artifact): boolean {
  if (f.kind !== 'vulnerability') return false;
  const names = new Set([s.vulnerability, ...s.aliases]);
  if (!names.has(f.id) && !f.aliases.some((a) => names.has(a))) return false;
  if (s.products.length === 0) return true;
  const purl = findingPurl(f);
  return s.products.some((p) => {
    if (isArtifact(p.id, artifact)) return p.subcomponents.length === 0 || p.subcomponents.some((c) => purlMatches(c, purl));
    return purlMatches(p.id, purl);
  });
}

/** The statement that decides a finding: the latest matching one (by timestamp, then document order). */
export function decidingStatement(statements: VexStatement[], f: Finding, artifact: Artifact): VexStatement | undefined {
  let best: VexStatement | undefined;
  for (const s of statements) {
    if (!statementMatches(s, f, artifact)) continue;
    if (!best || !s.timestamp || !best.timestamp || Date.parse(s.timestamp) >= Date.parse(best.timestamp)) best = s;
  }
  return best;
}

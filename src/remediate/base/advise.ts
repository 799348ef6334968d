import type { BaseAdvice, BaseCandidate, ScanWarning } from '../../core/types.js';
import { baseImageOf } from '../../scan/base-check.js';
import type { ResolvedImage } from '../../source/types.js';
import { diffScans } from '../diff.js';
import { scanTarget, type TargetOptions } from '../scan-target.js';
import { findBaseByLayers, listTags, splitName } from './registry-tags.js';
import { candidateTags } from './tag-versions.js';

export interface BaseAdviceOptions extends TargetOptions {
  /** Repository to look for the base in when the image does not record it (`--base REPO`). */
  baseRepo?: string;
  /** Offer other major releases (`--base-major`). */
  allowMajor?: boolean;
  /** Newer tags tried besides the current one (default 5). */
  limit?: number;
}

const unique = (ids: string[]) => [...new Set(ids)].sort();

/**
 * Base-image advice: find the base (OCI annotations or labels, else the longest prefix of layers
 * matching a tag of `baseRepo`), list the repository's tags, keep the same flavour and major,
 * scan each candidate and rank by vulnerabilities fixed minus introduced, then size.
 */
export async function adviseBase(img: ResolvedImage, opts: BaseAdviceOptions): Promise<{ advice?: BaseAdvice; warnings: ScanWarning[] }> {
  const reg = { platform: opts.platform, insecure: opts.insecure, credentials: opts.credentials };
  const recorded = baseImageOf(img);
  let repo: string;
  let tag: string | undefined;
  let digest: string | undefined;
  let foundBy: BaseAdvice['base']['foundBy'];
  let tags: string[];
  if (recorded.name) {
    const s = splitName(recorded.name);
    repo = s.repo;
    tag = s.tag;
    digest = recorded.digest ?? s.digest;
    foundBy = 'annotation';
    tags = await listTags(repo, reg);
  } else if (opts.baseRepo) {
    repo = splitName(opts.baseRepo).repo;
    tags = await listTags(repo, reg);
    const match = await findBaseByLayers(repo, tags, img.layers.map((l) => l.diffID), reg);
    if (!match) return { warnings: [{ what: `no tag of ${repo} is a base of this image (no tag's layers are a prefix of its layers)`, where: img.name }] };
    ({ tag, digest } = match);
    foundBy = 'layers';
  } else {
    return { warnings: [{ what: 'image does not record its base (org.opencontainers.image.base.name); give --base REPO to find it by its layers', where: img.name }] };
  }
  if (!tag) return { warnings: [{ what: `base ${recorded.name} names no tag: nothing to compare with`, where: img.name }] };

  const scanOpts: TargetOptions = { ...opts, scanners: new Set(['vuln']) };
  const baseScan = await scanTarget(`${repo}${digest ? `@${digest}` : `:${tag}`}`, scanOpts);
  const baseDigest = digest ?? baseScan.artifact.digest ?? '';
  const candidates: BaseCandidate[] = [];
  const warnings: ScanWarning[] = [];
  for (const t of candidateTags(tag, tags, { allowMajor: opts.allowMajor, limit: opts.limit })) {
    let scan;
    try {
      scan = await scanTarget(`${repo}:${t}`, scanOpts);
    } catch (e) {
      warnings.push({ what: `cannot scan base candidate: ${(e as Error).message}`, where: `${repo}:${t}` });
      continue;
    }
    const top = scan.artifact.image?.repoDigests?.[0]?.split('@')[1] ?? scan.artifact.digest ?? '';
    if (top === baseDigest || scan.artifact.digest === baseDigest) continue; // the base as it is
    const d = diffScans(baseScan, scan);
    const fixed = unique(d.findings.fixed.map((f) => f.id));
    const introduced = unique(d.findings.introduced.map((f) => f.id));
    candidates.push({
      tag: t,
      digest: top,
      from: `FROM ${repo}:${t}@${top}`,
      fixed,
      introduced,
      score: fixed.length - introduced.length,
      size: d.size.new,
      packagesChanged: d.packages.added.length + d.packages.removed.length + d.packages.changed.length,
    });
  }
  candidates.sort((a, b) => b.score - a.score || a.size - b.size);
  const best = candidates[0];
  return {
    advice: {
      base: { name: `${repo}:${tag}`, digest: baseDigest, foundBy, findings: unique(baseScan.findings.filter((f) => f.kind === 'vulnerability').map((f) => f.id)).length },
      candidates,
      ...(best && best.score > 0 ? { recommended: { from: best.from, tag: best.tag, fixes: best.fixed } } : {}),
    },
    warnings,
  };
}

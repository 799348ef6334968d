import type { Finding, ImageFacts } from '../../core/types.js';
import { toFinding } from '../finding.js';
import { imageRules } from './rules.js';

export { imageRules };
export { imageFileAnalyzer, setuidRule, worldWritableRule, packageCacheRule } from './files.js';

/**
 * Checks an image's config and history: root user, no healthcheck, SSH exposed, secrets in ENV,
 * labels or history, ADD of remote URLs. Findings point at the image config (path "image config").
 */
export function checkImageConfig(image: ImageFacts, target: string): Finding[] {
  const ctx = { image, target };
  const out: Finding[] = [];
  for (const r of imageRules) {
    for (const is of r.check(ctx)) out.push(toFinding(r, is, target, 'image config'));
  }
  return out;
}

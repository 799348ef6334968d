import type { Package } from '../core/types.js';
import { parseRpm } from '../versions/rpm.js';
import type { VersionScheme } from '../versions/types.js';

/**
 * rpm ordering with one allowance for advisory data: a version written without an epoch is
 * compared as if it had the other side's epoch. Amazon's and Oracle's advisories list
 * "1.0.2k-24.amzn2" for a package installed as "1:1.0.2k-19.amzn2"; plain rpm ordering (epoch 1
 * beats the implied 0) would call every such package fixed. Grype compares the same way.
 */
export function epochTolerant(s: VersionScheme): VersionScheme {
  const align = (a: string, b: string): [string, string] => {
    const ea = parseRpm(a).epoch;
    const eb = parseRpm(b).epoch;
    if (ea !== undefined && eb === undefined) return [a, `${ea}:${b}`];
    if (eb !== undefined && ea === undefined) return [`${eb}:${a}`, b];
    return [a, b];
  };
  return {
    id: s.id,
    validate: (v) => s.validate(v),
    compare: (a, b) => s.compare(...align(a, b)),
    satisfies: (v, range) => s.satisfies(v, range),
  };
}

/**
 * The RHEL module stream ("nodejs:12") of a package from its modularity label
 * ("nodejs:12:8020020200326104117:4cda2c84"): `''` for an rpm read from an image's rpm DB without
 * a label (known not modular), undefined when nobody said (an SBOM without the property), which
 * matches every row.
 */
export function moduleStream(p: Package): string | undefined {
  const label = p.meta?.modularityLabel;
  if (typeof label === 'string' && label) return label.split(':').slice(0, 2).join(':');
  return p.meta?.sourceRpm !== undefined ? '' : undefined;
}

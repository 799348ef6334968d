/** CVSS vectors and scores found anywhere in a finding's `cvss` field, whatever shape the matcher used. */
export interface CvssEntry {
  vector?: string;
  score?: number;
  source?: string;
  severity?: string;
}

export function cvssEntries(cvss: unknown): CvssEntry[] {
  const out: CvssEntry[] = [];
  const visit = (v: unknown, source?: string) => {
    if (!v || typeof v !== 'object') return;
    if (Array.isArray(v)) return v.forEach((x) => visit(x, source));
    const o = v as Record<string, unknown>;
    const vec = Object.entries(o).find(([k, x]) => /vector/i.test(k) && typeof x === 'string');
    const sc = Object.entries(o).find(([k, x]) => /score/i.test(k) && typeof x === 'number');
    if (vec || sc) {
      out.push({
        vector: vec?.[1] as string | undefined,
        score: sc?.[1] as number | undefined,
        source: typeof o.source === 'string' ? o.source : source,
        ...(typeof o.severity === 'string' ? { severity: o.severity } : {}),
      });
    }
    for (const [k, x] of Object.entries(o)) if (x && typeof x === 'object') visit(x, k);
  };
  visit(cvss);
  return out;
}

/** CycloneDX `scoreMethod` for a vector. */
export function cvssMethod(vector?: string): 'CVSSv2' | 'CVSSv3' | 'CVSSv31' | 'CVSSv4' | 'other' {
  if (!vector) return 'other';
  if (vector.startsWith('CVSS:4.0')) return 'CVSSv4';
  if (vector.startsWith('CVSS:3.1')) return 'CVSSv31';
  if (vector.startsWith('CVSS:3.0')) return 'CVSSv3';
  if (/^(\(?AV:)/.test(vector)) return 'CVSSv2';
  return 'other';
}

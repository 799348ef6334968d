import * as calc from 'ae-cvss-calculator';
import type { Severity } from '../core/severity.js';

/** A CVSS vector with the score computed from it (never trusted from the feed). */
export interface CvssScore {
  version: '2.0' | '3.0' | '3.1' | '4.0';
  vector: string;
  score: number;
  severity: Severity;
  source?: string;
}

type Lib = { fromVector(v: string): { calculateScores(): { base?: number; overall?: number } } | null };
// The package ships a webpack CommonJS bundle: depending on the loader its exports sit on
// `default` or on `CvssCalculator`; take whichever has `fromVector`.
const lib = [calc, (calc as Record<string, unknown>).default, (calc as Record<string, unknown>).CvssCalculator].find(
  (c) => typeof (c as Partial<Lib> | undefined)?.fromVector === 'function',
) as Lib;

/** Severity bands: CVSS v3/v4 (FIRST), and v2 as NVD rated it (no CRITICAL). */
export function severityFromScore(version: string, score: number): Severity {
  if (version === '2.0') return score >= 7 ? 'HIGH' : score >= 4 ? 'MEDIUM' : 'LOW';
  if (score >= 9) return 'CRITICAL';
  if (score >= 7) return 'HIGH';
  if (score >= 4) return 'MEDIUM';
  if (score > 0) return 'LOW';
  return 'UNKNOWN';
}

/** Parses and scores a vector; undefined for anything the calculator rejects. */
export function scoreVector(vector: string, source?: string): CvssScore | undefined {
  let v = vector.trim().replace(/^\(|\)$/g, '');
  let version: CvssScore['version'];
  if (v.startsWith('CVSS:4.0/')) version = '4.0';
  else if (v.startsWith('CVSS:3.1/')) version = '3.1';
  else if (v.startsWith('CVSS:3.0/')) version = '3.0';
  else if (v.startsWith('CVSS:2.0/')) {
    version = '2.0';
    v = v.slice('CVSS:2.0/'.length);
  } else if (/^AV:[LAN]\/AC:[HML]\/Au:/.test(v)) version = '2.0';
  else return undefined;
  let scores;
  try {
    scores = lib.fromVector(v)?.calculateScores();
  } catch {
    return undefined;
  }
  const score = scores?.base ?? scores?.overall;
  if (score === undefined || Number.isNaN(score)) return undefined;
  return { version, vector: v, score, severity: severityFromScore(version, score), ...(source ? { source } : {}) };
}

/** The score that decides severity when the vendor gave none: v3.x first, then v4, then v2. */
export function preferredScore(scores: CvssScore[]): CvssScore | undefined {
  const order = ['3.1', '3.0', '4.0', '2.0'];
  return [...scores].sort((a, b) => order.indexOf(a.version) - order.indexOf(b.version) || b.score - a.score)[0];
}

// Scores the built-in rules on gitleaks' own per-rule cases (testdata/gitleaks-cases: tp/ must
// report something, fp/ must report nothing; one snippet per file, named <gitleaks rule>--NN).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanText } from './text.js';

export const GITLEAKS_CASES_DIR = join(dirname(fileURLToPath(import.meta.url)), 'testdata', 'gitleaks-cases');

export interface CaseScore {
  total: number;
  /** tp: cases reported; fp: cases wrongly reported. */
  hit: number;
  /** File names of the cases that went wrong (tp missed, fp reported). */
  wrong: string[];
}

export interface GitleaksCaseScores {
  tp: CaseScore;
  fp: CaseScore;
  rules: number;
}

function score(dir: string, wantFinding: boolean): CaseScore {
  const files = readdirSync(dir).sort();
  const wrong: string[] = [];
  let hit = 0;
  for (const f of files) {
    const found = scanText(f, readFileSync(join(dir, f))).length > 0;
    if (found) hit++;
    if (found !== wantFinding) wrong.push(f);
  }
  return { total: files.length, hit, wrong };
}

export function scoreGitleaksCases(dir = GITLEAKS_CASES_DIR): GitleaksCaseScores {
  const rules = new Set([...readdirSync(join(dir, 'tp')), ...readdirSync(join(dir, 'fp'))].map((f) => f.replace(/--\d+\.\w+$/, '')));
  return { tp: score(join(dir, 'tp'), true), fp: score(join(dir, 'fp'), false), rules: rules.size };
}

const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)} %`;

/** The lines `npm run accuracy:secrets` prints. */
export function formatGitleaksScores(s: GitleaksCaseScores, verbose = false): string {
  const lines = [
    `gitleaks cases (${s.rules} gitleaks rules)`,
    `  recall:    ${s.tp.hit} of ${s.tp.total} true-positive snippets reported (${pct(s.tp.hit, s.tp.total)})`,
    `  precision: ${s.fp.hit} of ${s.fp.total} false-positive snippets reported (${pct(s.fp.hit, s.fp.total)})`,
  ];
  if (verbose) {
    for (const f of s.tp.wrong) lines.push(`  missed   tp/${f}`);
    for (const f of s.fp.wrong) lines.push(`  reported fp/${f}`);
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(formatGitleaksScores(scoreGitleaksCases(process.argv[3] ?? GITLEAKS_CASES_DIR), process.argv[2] === '--verbose'));
}

// Scores the Dockerfile rules on hadolint's own cases (test/fixtures/hadolint/<DLxxxx>/fail-NN and
// pass-NN, from hadolint's rule specs): a fail case must raise a finding aliased to that DL id, a
// pass case must not. hadolint's specs test one instruction at a time without FROM; such a case
// is scanned with `FROM scratch` put in front. hadolint's per-case configuration is written as
// header comments: `# allowed-registries: a b`, `# label-schema: key=type …`, `# strict-labels: true`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanDockerfile } from './dockerfile/index.js';
import { dockerfileRules } from './dockerfile/rules.js';
import { HADOLINT } from './hadolint-rules.js';
import { setLabelSchema, type LabelType } from './dockerfile/rules/_labels.js';

export const HADOLINT_CASES_DIR = join(import.meta.dirname, '../../test/fixtures/hadolint');
/** Our own fail/pass cases for the rules hadolint has no id for: one folder per rule slug. */
export const RULE_CASES_DIR = join(import.meta.dirname, '../../test/fixtures/dockerfile-rules');

export interface HadolintScores {
  cases: number;
  right: number;
  /** `<DL id>/<file>` of every case we get wrong. */
  wrong: string[];
  /** hadolint rules (of its published table) that some rule of ours answers for. */
  covered: string[];
  /** …and those no rule answers for. */
  uncovered: string[];
}

const hasFrom = (text: string) => /^\s*FROM\s/im.test(text);

export function scoreHadolintCases(dir = HADOLINT_CASES_DIR): HadolintScores {
  const { cases, wrong } = scoreFolders(dir, (id, f) => f.aliases.includes(id));
  const aliases = new Set(dockerfileRules.flatMap((r) => r.aliases));
  return { cases, right: cases - wrong.length, wrong, covered: HADOLINT.filter((h) => aliases.has(h)), uncovered: HADOLINT.filter((h) => !aliases.has(h)) };
}

/** Folders of fail-NN / pass-NN Dockerfiles; `matches` tells whether a finding answers for the folder. */
export function scoreFolders(dir: string, matches: (folder: string, f: { id: string; aliases: string[]; slug?: string }) => boolean): { cases: number; wrong: string[] } {
  const wrong: string[] = [];
  let cases = 0;
  for (const id of readdirSync(dir).filter((d) => !d.includes('.')).sort()) {
    for (const f of readdirSync(join(dir, id)).sort()) {
      const text = readFileSync(join(dir, id, f), 'utf8');
      const src = hasFrom(text) ? text : `FROM scratch\n${text}`;
      const header = (name: string) => new RegExp(`^# ${name}: (.*)$`, 'm').exec(text)?.[1].trim().split(/\s+/) ?? [];
      setLabelSchema(Object.fromEntries(header('label-schema').map((kv) => kv.split('=') as [string, LabelType])), header('strict-labels')[0] === 'true');
      const hit = scanDockerfile(src, 'Dockerfile', [], { trustedRegistries: header('allowed-registries') }).findings.some((x) => matches(id, x));
      setLabelSchema();
      cases++;
      if (hit !== f.startsWith('fail')) wrong.push(`${id}/${f}`);
    }
  }
  return { cases, wrong };
}

const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)} %`;

export function formatHadolintScores(s: HadolintScores, verbose = false): string {
  const lines = [
    `hadolint rules covered: ${s.covered.length} of ${HADOLINT.length} (${pct(s.covered.length, HADOLINT.length)})${s.uncovered.length ? `; not covered: ${s.uncovered.join(' ')}` : ''}`,
    `hadolint cases right:   ${s.right} of ${s.cases} (${pct(s.right, s.cases)})`,
  ];
  if (verbose) for (const w of s.wrong) lines.push(`  wrong ${w}`);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(formatHadolintScores(scoreHadolintCases(), process.argv.includes('--verbose')));
}

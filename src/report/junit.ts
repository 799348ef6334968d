import type { Finding, ScanResult } from '../core/index.js';
import { artifactTitle, escapeXml, findingPackage, fixText, fixedVersion, groupBy, sortFindings, whyText, type ReportOptions } from './util.js';

const attr = (s: string) => escapeXml(s);

function testcase(f: Finding): string {
  const p = findingPackage(f);
  const where = f.location.line ? `${f.location.path}:${f.location.line}` : f.location.path;
  const name = p ? `[${f.severity}] ${f.id} ${p.name}@${p.version ?? ''}` : `[${f.severity}] ${f.id} ${where}`;
  const body = [
    f.title,
    p ? `Package: ${p.name} ${p.version ?? ''}${fixedVersion(f) ? ` (fixed in ${fixedVersion(f)})` : ''}` : '',
    `Location: ${where}${f.location.layer ? ` (layer ${f.location.layer})` : ''}`,
    whyText(f) ? `Why: ${whyText(f)}` : '',
    fixText(f) ? `Fix: ${fixText(f)}` : '',
    ...(f.references ?? []).slice(0, 5),
  ].filter(Boolean).join('\n');
  return (
    `    <testcase classname="${attr(f.target)}" name="${attr(name)}" file="${attr(f.location.path)}">\n` +
    `      <failure type="${attr(f.kind)}" message="${attr(`${f.id}: ${f.title}`)}">${escapeXml(body)}</failure>\n` +
    `    </testcase>\n`
  );
}

/**
 * JUnit XML for CI test tabs (GitLab `artifacts:reports:junit`, Jenkins): one testsuite per target
 * and kind, one failing testcase per finding. A clean scan is one passing testcase.
 */
export function writeJunit(result: ScanResult, _opts: ReportOptions = {}): string {
  const suites: string[] = [];
  let total = 0;
  for (const [key, list] of groupBy(sortFindings(result.findings), (f) => `${f.target}\u0000${f.kind}`)) {
    const [target, kind] = key.split('\u0000');
    total += list.length;
    suites.push(
      `  <testsuite name="${attr(`${target} (${kind})`)}" tests="${list.length}" failures="${list.length}" errors="0" skipped="0">\n` +
        list.map(testcase).join('') +
        `  </testsuite>\n`,
    );
  }
  if (suites.length === 0) {
    const name = artifactTitle(result);
    suites.push(
      `  <testsuite name="${attr(name)}" tests="1" failures="0" errors="0" skipped="0">\n` +
        `    <testcase classname="${attr(result.artifact.name)}" name="no findings"/>\n` +
        `  </testsuite>\n`,
    );
    total = 0;
  }
  const tests = total === 0 ? 1 : total;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<testsuites name="coastguard" tests="${tests}" failures="${total}" errors="0">\n` +
    suites.join('') +
    `</testsuites>\n`
  );
}

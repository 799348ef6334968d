import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { sampleResult, IMAGE_TARGET } from '../../test/fixtures/report/sample-result.js';
import { FORMATS, writeReport, writeReports } from './index.js';
import { SARIF_LIMITS, writeSarif } from './sarif.js';
import { SPDX_IDS } from './licenses.js';
import type { Finding, ScanResult } from '../core/index.js';

const schemaDir = new URL('../../test/fixtures/schemas/', import.meta.url);
const schema = (f: string) => JSON.parse(readFileSync(new URL(f, schemaDir), 'utf8'));
const NOW = new Date('2026-11-25T12:00:00Z');

function ajv() {
  const a = new Ajv.default({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(a);
  // Formats CycloneDX uses that ajv-formats lacks: an IRI reference has no whitespace; an
  // internationalised e-mail address is local@domain.
  a.addFormat('iri-reference', /^\S*$/u);
  a.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/u);
  return a;
}

function validator(name: 'sarif' | 'cyclonedx' | 'spdx') {
  const a = ajv();
  if (name === 'sarif') {
    // The official SARIF schema is draft-04; its keywords here are the draft-07 subset, so only
    // the meta-schema and `id` → `$id` differ.
    const s = schema('sarif-schema-2.1.0.json');
    s.$schema = 'http://json-schema.org/draft-07/schema#';
    s.$id = s.id;
    delete s.id;
    return a.compile(s);
  }
  if (name === 'cyclonedx') {
    // bom-1.6 refers to its neighbours by their file names in this folder.
    for (const [file, id] of [
      ['spdx.SNAPSHOT.schema.json', 'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json'],
      ['jsf-0.82.SNAPSHOT.schema.json', 'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json'],
      ['cryptography-defs.SNAPSHOT.schema.json', 'http://cyclonedx.org/schema/cryptography-defs.SNAPSHOT.schema.json'],
    ]) {
      const s = schema(file);
      s.$id = id;
      a.addSchema(s);
    }
    return a.compile(schema('bom-1.6.SNAPSHOT.schema.json'));
  }
  return a.compile(schema('spdx-2.3-schema.json'));
}

function assertValid(kind: 'sarif' | 'cyclonedx' | 'spdx', doc: unknown) {
  const v = validator(kind);
  const ok = v(doc);
  assert.ok(ok, `${kind} invalid: ${JSON.stringify(v.errors?.slice(0, 5), null, 1)}`);
}

const empty = (): ScanResult => ({
  schemaVersion: 1,
  artifact: { name: 'clean:1', type: 'container_image', os: { family: 'debian', version: '13.8' } },
  packages: [],
  findings: [],
});

test('every format is listed and writes something for a real result and an empty one', () => {
  assert.deepEqual(FORMATS, ['table', 'json', 'sarif', 'cyclonedx', 'spdx-json', 'junit', 'markdown', 'html']);
  for (const f of FORMATS) {
    assert.ok(writeReport(f, sampleResult(), { now: NOW }).length > 100, f);
    assert.ok(writeReport(f, empty(), { now: NOW }).length > 30, f);
  }
  assert.throws(() => writeReport('xml', empty()), /unknown format "xml"/);
});

test('json keeps the native shape and counts', () => {
  const r = sampleResult();
  const j = JSON.parse(writeReport('json', r, { now: NOW }));
  assert.equal(j.schemaVersion, 1);
  assert.deepEqual(Object.keys(j), ['schemaVersion', 'tool', 'createdAt', 'artifact', 'packages', 'findings']);
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
  assert.deepEqual(j.tool, { name: 'coastguard', version: pkg.version });
  assert.equal(j.createdAt, '2026-11-25T12:00:00Z');
  assert.equal(j.packages.length, 131);
  assert.equal(j.findings.length, 78);
  assert.deepEqual(Object.keys(j.findings[0]).slice(0, 8), ['kind', 'id', 'aliases', 'severity', 'title', 'target', 'location', 'fingerprint']);
});

test('SARIF validates against the 2.1.0 schema: one run per scan, unique rule ids, relative uris, GitHub limits', () => {
  const r = sampleResult();
  const doc = JSON.parse(writeSarif(r, { now: NOW }));
  assertValid('sarif', doc);
  assert.equal(doc.runs.length, 1); // image, package-lock, Dockerfile and deploy/api.yaml findings in one run
  const [run] = doc.runs;
  assert.equal(run.automationDetails.id, 'coastguard/registry.example.org/shop/api/');
  // The next build (new tag, OS point release) uploads into the same category, so GitHub can
  // close the alerts it fixed.
  const next = sampleResult();
  next.artifact.name = 'registry.example.org/shop/api:1.4.3';
  for (const f of next.findings) if (f.target === IMAGE_TARGET) f.target = 'registry.example.org/shop/api:1.4.3 (debian 13.9)';
  const nextRun = JSON.parse(writeSarif(next)).runs[0];
  assert.equal(nextRun.automationDetails.id, run.automationDetails.id);
  assert.deepEqual(
    [...new Set(nextRun.results.map((x: { properties: { target: string } }) => x.properties.target))].sort(),
    ['Dockerfile', 'app/package-lock.json', 'deploy/api.yaml', 'os-packages-debian'],
  );
  const ids = run.tool.driver.rules.map((x: { id: string }) => x.id);
  assert.equal(new Set(ids).size, ids.length, 'no duplicate rule ids');
  for (const res of run.results) {
    assert.equal(run.tool.driver.rules[res.ruleIndex].id, res.ruleId);
    const loc = res.locations[0].physicalLocation;
    assert.ok(loc.region.startLine >= 1);
    assert.equal(loc.artifactLocation.uriBaseId, 'SRCROOT');
    assert.doesNotMatch(loc.artifactLocation.uri, /^\/|^[a-z]+:|\s/, 'a relative uri without spaces');
  }
  for (const rule of run.tool.driver.rules) assert.ok(rule.properties.tags.length <= SARIF_LIMITS.tagsPerRule);
  assert.equal(run.results.length, 78);
  assert.equal(run.results.filter((x: { properties: { target: string } }) => x.properties.target === 'os-packages-debian').length, 72);
  assert.equal(run.invocations[0].executionSuccessful, true);
  // Stable: the same input gives byte-identical output.
  assert.equal(writeSarif(r, { now: NOW }), writeSarif(sampleResult(), { now: NOW }));
  assertValid('sarif', JSON.parse(writeSarif(empty())));
});

test('SARIF of a directory scan names no host path; a scanner that did not run is an error notification', () => {
  const r = sampleResult();
  const base = r.findings.find((f) => f.kind === 'misconfig')!;
  const dir = join(tmpdir(), 'checkout', 'shop');
  const fs: ScanResult = {
    ...r,
    artifact: { name: dir, type: 'filesystem' },
    findings: Array.from({ length: 30 }, (_, i) => ({ ...base, target: join(dir, `k8s/app-${i}.yaml`), location: { path: join(dir, `k8s/app-${i}.yaml`), line: 3 } })),
    warnings: [{ what: 'vulnerabilities not checked: no vulnerability database', where: join(tmpdir(), 'cache/coastguard.db'), notChecked: 'scanner', scanner: 'vuln' }],
  };
  const text = writeSarif(fs);
  const doc = JSON.parse(text);
  assertValid('sarif', doc);
  assert.equal(doc.runs.length, 1);
  assert.equal(doc.runs[0].results.length, 30);
  assert.equal(doc.runs[0].automationDetails.id, 'coastguard/shop/');
  assert.equal(doc.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri, 'k8s/app-0.yaml');
  assert.ok(!text.includes(tmpdir()), 'no host path anywhere');
  assert.equal(doc.runs[0].invocations[0].executionSuccessful, false);
  assert.deepEqual(doc.runs[0].invocations[0].toolExecutionNotifications, [
    { level: 'error', message: { text: 'vulnerabilities not checked: no vulnerability database: coastguard.db' } },
  ]);
});

test('SARIF cuts the least severe results to fit the size limit, and says so', () => {
  const r = sampleResult();
  const full = writeSarif(r);
  const limits = { ...SARIF_LIMITS, gzipBytes: 6_000 };
  const doc = JSON.parse(writeSarif(r, {}, limits));
  assertValid('sarif', doc);
  const [run] = doc.runs;
  assert.ok(run.results.length < 78 && run.results.length > 0, String(run.results.length));
  assert.match(run.invocations[0].toolExecutionNotifications[0].message.text, /^\d+ lower-severity results left out/);
  // Kept results are the most severe: every kept one is at least as severe as every dropped one.
  assert.ok(run.results.every((x: { level: string }) => x.level === 'error'));
  assert.ok(full.length > writeSarif(r, {}, limits).length);
  assert.equal(writeSarif(r, {}, SARIF_LIMITS), full);
});

test('CycloneDX 1.6 validates: OS component, purls, dependencies, vulnerabilities', () => {
  const r = sampleResult();
  const bom = JSON.parse(writeReport('cyclonedx', r, { now: NOW }));
  assertValid('cyclonedx', bom);
  assert.equal(bom.specVersion, '1.6');
  const os = bom.components.filter((c: { type: string }) => c.type === 'operating-system');
  assert.deepEqual(os.map((c: { name: string; version: string }) => `${c.name} ${c.version}`), ['debian 13.8']);
  const libs = bom.components.filter((c: { type: string }) => c.type === 'library');
  assert.equal(libs.length, 131);
  assert.ok(libs.every((c: { purl?: string }) => c.purl?.startsWith('pkg:')));
  const refs = new Set(bom.components.map((c: { 'bom-ref': string }) => c['bom-ref']));
  assert.equal(refs.size, bom.components.length);
  assert.equal(bom.vulnerabilities.length, 20); // 18 krb5 CVEs + 2 GHSA
  const cve = bom.vulnerabilities.find((v: { id: string }) => v.id === 'CVE-2026-107364');
  assert.equal(cve.affects.length, 4);
  assert.ok(cve.affects.every((a: { ref: string }) => refs.has(a.ref)));
  assert.equal(cve.ratings[0].severity, 'high');
  const lodash = bom.vulnerabilities.find((v: { id: string }) => v.id === 'GHSA-p6mc-m468-83gw');
  assert.deepEqual(lodash.references.map((x: { id: string }) => x.id), ['CVE-2020-8203']);
  assert.match(lodash.recommendation, /4\.17\.20/);
  const root = bom.dependencies.find((d: { ref: string }) => d.ref === bom.metadata.component['bom-ref']);
  assert.ok(root.dependsOn.includes('coastguard:os:debian@13.8'));
  assertValid('cyclonedx', JSON.parse(writeReport('cyclonedx', empty())));
  // CVSS as the matcher writes it (src/detect): one rating per vector.
  const withCvss = sampleResult();
  withCvss.findings[0].cvss = [{ version: '3.1', vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H', score: 7.4, severity: 'HIGH', source: 'nvd' }];
  const b2 = JSON.parse(writeReport('cyclonedx', withCvss));
  assertValid('cyclonedx', b2);
  assert.deepEqual(b2.vulnerabilities[0].ratings[1], { score: 7.4, vector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H', method: 'CVSSv31', severity: 'high', source: { name: 'nvd' } });
  const s2 = JSON.parse(writeSarif(withCvss));
  assert.equal(s2.runs[0].tool.driver.rules.find((x: { id: string }) => x.id === withCvss.findings[0].id).properties['security-severity'], '7.4');
});

test('SPDX 2.3 validates: purl external refs and relationships', () => {
  const r = sampleResult();
  const doc = JSON.parse(writeReport('spdx-json', r, { now: NOW }));
  assertValid('spdx', doc);
  assert.equal(doc.spdxVersion, 'SPDX-2.3');
  assert.equal(doc.packages.length, 131 + 2); // root + OS + packages
  const purls = doc.packages.flatMap((p: { externalRefs?: { referenceType: string; referenceLocator: string }[] }) =>
    (p.externalRefs ?? []).filter((e) => e.referenceType === 'purl').map((e) => e.referenceLocator));
  assert.equal(purls.length, 131);
  assert.ok(purls.includes('pkg:deb/debian/libkrb5-3@1.21.3-5+deb13u1?arch=amd64&distro=debian-13'));
  const ids = new Set(doc.packages.map((p: { SPDXID: string }) => p.SPDXID));
  assert.equal(ids.size, doc.packages.length);
  for (const rel of doc.relationships) {
    assert.ok(rel.spdxElementId === 'SPDXRef-DOCUMENT' || ids.has(rel.spdxElementId));
    assert.ok(ids.has(rel.relatedSpdxElement));
  }
  assert.equal(doc.relationships.filter((x: { relationshipType: string }) => x.relationshipType === 'CONTAINS').length, 132);
  const lodash = doc.packages.find((p: { name: string }) => p.name === 'lodash');
  assert.equal(lodash.licenseDeclared, 'MIT');
  assert.equal(doc.hasExtractedLicensingInfos, undefined);
  const odd = sampleResult();
  odd.packages[0].licenses = ['GPL-2+', 'MIT'];
  const oddDoc = JSON.parse(writeReport('spdx-json', odd));
  assertValid('spdx', oddDoc);
  const bash = oddDoc.packages.find((p: { name: string }) => p.name === odd.packages[0].name);
  assert.equal(bash.licenseDeclared, 'LicenseRef-GPL-2 AND MIT');
  assert.deepEqual(oddDoc.hasExtractedLicensingInfos, [{ licenseId: 'LicenseRef-GPL-2', name: 'GPL-2+', extractedText: 'GPL-2+' }]);
  assertValid('spdx', JSON.parse(writeReport('spdx-json', empty())));
});

test('every licence id the writers emit as SPDX is on the SPDX list', () => {
  const list = new Set(schema('spdx.SNAPSHOT.schema.json').enum as string[]);
  for (const id of SPDX_IDS) assert.ok(list.has(id), id);
  const bom = JSON.parse(writeReport('cyclonedx', sampleResult()));
  const lodash = bom.components.find((c: { name: string }) => c.name === 'lodash');
  assert.deepEqual(lodash.licenses, [{ license: { id: 'MIT' } }]);
});

test('table groups by target and kind, colours only when asked', () => {
  const r = sampleResult();
  const plain = writeReport('table', r);
  assert.ok(!plain.includes('\x1b['));
  assert.match(plain, /registry\.example\.org\/shop\/api:1\.4\.2 \(debian 13\.8\) \(vulnerability\)\n=*|═+/);
  assert.match(plain, /Total: 72 \(CRITICAL: 0, HIGH: 72, MEDIUM: 0, LOW: 0, UNKNOWN: 0\)/);
  assert.match(plain, /deploy\/api\.yaml \(misconfig\)/);
  assert.match(plain, /Total: 2 \(CRITICAL: 0, HIGH: 1, MEDIUM: 1, LOW: 0, UNKNOWN: 0\)/);
  // Grouped by package: the name heads its group once, then its 18 CVEs by severity and numeric id.
  assert.equal((plain.match(/^│ libkrb5-3 /gm) ?? []).length, 1);
  const group = plain.slice(plain.indexOf('│ libkrb5-3 ')).split('\n').slice(0, 18);
  const ids = group.map((l) => l.split('│')[2].trim());
  assert.deepEqual(ids.slice(0, 4), ['CVE-2026-11850', 'CVE-2026-71199', 'CVE-2026-71200', 'CVE-2026-107364']);
  assert.ok(group.slice(1).every((l) => l.startsWith('│                  │')), 'package shown once per group');
  // Misconfig rows show the fix; a grand total ends the report.
  assert.match(plain, /│ KSV-0012 │ MEDIUM +│ Runs as root user +│ deploy\/api\.yaml:17 │ Set 'containers\[\]\.securityContext\.runAsNonRoot' to true\. +│/);
  assert.match(plain, /\nGrand total: 78 \(CRITICAL: 0, HIGH: 75, MEDIUM: 2, LOW: 1, UNKNOWN: 0\) in 4 targets\n/);
  const coloured = writeReport('table', r, { color: true });
  assert.ok(coloured.includes('\x1b[31mHIGH'));
});

test('table: a section per target even without findings; long locations keep their line number', () => {
  const r = sampleResult();
  const lockOnly = r.findings.filter((f) => f.kind === 'misconfig');
  const long = { ...lockOnly[0], location: { path: 'charts/platform/services/payments/templates/deployment-api.yaml', line: 217 }, target: 'charts' };
  const t = writeReport('table', { ...r, findings: [long] });
  assert.match(t, /\nvar\/lib\/dpkg\/status: 129 packages, no vulnerabilities\n/);
  assert.match(t, /\napp\/package-lock\.json: 2 packages, no vulnerabilities\n/);
  assert.match(t, /│ …[^│]*deployment-api\.yaml:217 │/);
  const notChecked = writeReport('table', { ...r, findings: [], warnings: [{ what: 'vulnerabilities not checked: --skip-db' }] });
  assert.match(notChecked, /\nvar\/lib\/dpkg\/status: 129 packages, vulnerabilities not checked\n[\s\S]*\nNo findings\.\n/);
});

test('junit: one failing testcase per finding; a clean scan passes', () => {
  const x = writeReport('junit', sampleResult());
  assert.match(x, /<testsuites name="coastguard" tests="78" failures="78" errors="0">/);
  assert.equal((x.match(/<testcase /g) ?? []).length, 78);
  assert.equal((x.match(/<testsuite /g) ?? []).length, 4);
  const clean = writeReport('junit', empty());
  assert.match(clean, /tests="1" failures="0"/);
});

test('markdown: PR summary with counts and a capped list', () => {
  const md = writeReport('markdown', sampleResult(), { maxRows: 10 });
  assert.match(md, /❌ \*\*78 findings\*\* in 131 packages\./);
  assert.match(md, /\| 0 \| 75 \| 2 \| 1 \| 0 \|/);
  assert.match(md, /… and 68 more/);
  assert.match(writeReport('markdown', empty()), /✅ \*\*No findings\.\*\*/);
  // Raw HTML in a rule's fix text is escaped, pipes too.
  assert.match(md, /Add 'USER &lt;non root user name&gt;' line to the Dockerfile/);
});

test('writeReports: files atomically, stdout for the rest, in order', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-report-'));
  const out = new PassThrough();
  let text = '';
  out.on('data', (d) => (text += d));
  await writeReports(sampleResult(), [
    { format: 'sarif', file: join(dir, 'nested/a.sarif') },
    { format: 'table' },
    { format: 'cyclonedx', file: join(dir, 'bom.json') },
  ], out);
  assert.deepEqual(readdirSync(dir).sort(), ['bom.json', 'nested']);
  assert.deepEqual(readdirSync(join(dir, 'nested')), ['a.sarif']);
  assert.equal(JSON.parse(readFileSync(join(dir, 'nested/a.sarif'), 'utf8')).version, '2.1.0');
  assert.match(text, /Total: 72/);
  await assert.rejects(writeReports(sampleResult(), [{ format: 'table' }, { format: 'bogus' }], out), /unknown format "bogus"/);
});

test('the schema checks do reject broken documents', () => {
  const bom = JSON.parse(writeReport('cyclonedx', sampleResult()));
  bom.vulnerabilities[0].ratings[0].severity = 'HIGH';
  assert.equal(validator('cyclonedx')(bom), false);
  const sarif = JSON.parse(writeSarif(sampleResult()));
  sarif.runs[0].results[0].level = 'fatal';
  assert.equal(validator('sarif')(sarif), false);
  const spdx = JSON.parse(writeReport('spdx-json', sampleResult()));
  spdx.packages[2].externalRefs[0].referenceCategory = 'PACKAGE_MANAGER';
  assert.equal(validator('spdx')(spdx), false);
});

test('writeReports colours the table only on a TTY without NO_COLOR, never in files', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-tty-'));
  const tty = Object.assign(new PassThrough(), { isTTY: true });
  let text = '';
  tty.on('data', (d) => (text += d));
  const saved = process.env.NO_COLOR;
  try {
    delete process.env.NO_COLOR;
    await writeReports(sampleResult(), [{ format: 'table' }, { format: 'table', file: join(dir, 't.txt') }], tty);
    assert.ok(text.includes('\x1b[31mHIGH'));
    assert.ok(!readFileSync(join(dir, 't.txt'), 'utf8').includes('\x1b['));
    text = '';
    process.env.NO_COLOR = '1';
    await writeReports(sampleResult(), [{ format: 'table' }], tty);
    assert.ok(!text.includes('\x1b['));
  } finally {
    if (saved === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = saved;
  }
});

test('writing a report to /dev/null writes to the device, never replaces it', async () => {
  const { writeFileAtomic } = await import('./index.js');
  const { statSync } = await import('node:fs');
  await writeFileAtomic('/dev/null', 'x'.repeat(1000));
  assert.ok(statSync('/dev/null').isCharacterDevice());
});

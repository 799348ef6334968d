import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { schemeFor, isAffectedByOsvRanges, isAffectedByOsvAffected, VersionError, type OsvEvent } from './index.js';

test('schemeFor maps OSV ecosystems, scheme ids and purl types', () => {
  const cases: [string, string][] = [
    ['Debian', 'dpkg'], ['Debian:12', 'dpkg'], ['Ubuntu:22.04:LTS', 'dpkg'], ['Alpine:v3.19', 'apk'], ['Wolfi', 'apk'],
    ['Chainguard', 'apk'], ['Red Hat:enterprise_linux:9::appstream', 'rpm'], ['Rocky Linux:9', 'rpm'], ['AlmaLinux:8', 'rpm'],
    ['Amazon Linux', 'rpm'], ['SUSE:Linux Enterprise Server 15 SP5', 'rpm'], ['openSUSE:Leap 15.5', 'rpm'], ['npm', 'semver'],
    ['PyPI', 'pep440'], ['Maven', 'maven'], ['Go', 'golang'], ['RubyGems', 'gem'], ['crates.io', 'cargo'],
    ['Packagist', 'composer'], ['NuGet', 'nuget'], ['Hex', 'semver'], ['Pub', 'semver'], ['dpkg', 'dpkg'], ['pep440', 'pep440'],
    ['deb', 'dpkg'], ['pypi', 'pep440'], ['cargo', 'cargo'], ['Root:Debian:12', 'dpkg'], ['Root:Alpine:3.18', 'apk'],
    ['Seal:Red Hat:7', 'rpm'], ['Seal:npm', 'semver'], ['Julia', 'semver'], ['Echo', 'dpkg'],
  ];
  for (const [name, id] of cases) assert.equal(schemeFor(name).id, id, name);
  assert.throws(() => schemeFor('Haiku'), (e: unknown) => e instanceof VersionError && /unknown ecosystem or version scheme/.test((e as Error).message));
  assert.throws(() => schemeFor(''), /unknown ecosystem/);
  assert.throws(() => schemeFor('Root:Haiku'), /unknown ecosystem or version scheme/);
});

test('OSV ranges: introduced 0, several introduced/fixed pairs, unsorted events, last_affected, limit', () => {
  const npm = schemeFor('npm');
  const events: OsvEvent[] = [{ fixed: '1.2.6' }, { introduced: '0' }, { introduced: '2.0.0' }, { fixed: '2.1.1' }];
  const got = ['0.0.1', '1.2.5', '1.2.6', '1.9.9', '2.0.0', '2.1.0', '2.1.1', '3.0.0'].map((v) => isAffectedByOsvRanges(npm, v, events));
  assert.deepEqual(got, [true, true, false, false, true, true, false, false]);
  assert.equal(isAffectedByOsvRanges(npm, '1.5.0', [{ introduced: '1.0.0' }, { last_affected: '1.5.0' }]), true);
  assert.equal(isAffectedByOsvRanges(npm, '1.5.1', [{ introduced: '1.0.0' }, { last_affected: '1.5.0' }]), false);
  assert.equal(isAffectedByOsvRanges(npm, '9.0.0', [{ introduced: '1.0.0' }]), true);
  assert.equal(isAffectedByOsvRanges(npm, '1.4.0', [{ introduced: '1.0.0' }, { limit: '1.5.0' }]), true);
  assert.equal(isAffectedByOsvRanges(npm, '1.5.0', [{ introduced: '1.0.0' }, { limit: '1.5.0' }]), false);
  assert.equal(isAffectedByOsvRanges(npm, '1.5.0', [{ introduced: '1.0.0' }, { limit: '*' }]), true);
  assert.equal(isAffectedByOsvRanges(npm, '1.0.0', [{ introduced: '1.0.0' }, { fixed: '1.0.0' }]), false); // empty range
  // Debian: a fixed version with an epoch and a tilde
  const deb = schemeFor('Debian:12');
  assert.equal(isAffectedByOsvRanges(deb, '1:2.38.1-5+deb12u1', [{ introduced: '0' }, { fixed: '1:2.38.1-5+deb12u2' }]), true);
  assert.equal(isAffectedByOsvRanges(deb, '2.40~rc1-1', [{ introduced: '0' }, { fixed: '1:2.38.1-5+deb12u2' }]), true);
  // Go pseudo-versions as OSV writes them (no "v")
  const go = schemeFor('Go');
  assert.equal(isAffectedByOsvRanges(go, 'v0.0.0-20210921155107-089bfa567519', [{ introduced: '0' }, { fixed: '0.0.0-20220314234659-1baeb1ce4c0b' }]), true);
  assert.equal(isAffectedByOsvAffected(go, 'v0.1.0', [{ type: 'GIT', events: [{ introduced: 'abc' }] }, { type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '0.0.0-20220314234659-1baeb1ce4c0b' }] }]), false);
});

test('OSV ranges: garbage versions throw instead of matching', () => {
  const npm = schemeFor('npm');
  assert.throws(() => isAffectedByOsvRanges(npm, 'not-a-version', [{ introduced: '0' }]), /invalid semver version "not-a-version"/);
  assert.throws(() => isAffectedByOsvRanges(npm, '1.0.0', [{ introduced: '0' }, { fixed: 'garbage' }]), /invalid semver version "garbage"/);
  assert.throws(() => isAffectedByOsvRanges(npm, '1.0.0', [{ introduced: '0', fixed: '1.0.1' }]), /exactly one of/);
});

// Real PyPA advisories (OSV): the versions each advisory lists, and other released versions of the
// same project, with the verdict of an independent evaluation over `packaging`'s ordering.
test('OSV ranges agree on 261 real PyPI advisories (17,000+ listed versions, 5,600 others)', () => {
  const cases = JSON.parse(readFileSync(new URL('./testdata/osv-pypi-cases.json', import.meta.url), 'utf8')) as {
    id: string;
    ranges: OsvEvent[][];
    listed: [string, boolean][];
    others: [string, boolean][];
  }[];
  const pypi = schemeFor('PyPI');
  const wrong: string[] = [];
  let listedNotAffected = 0;
  let checked = 0;
  for (const c of cases) {
    for (const [v, want] of [...c.listed, ...c.others]) {
      const got = c.ranges.some((events) => isAffectedByOsvRanges(pypi, v, events));
      if (got !== want) wrong.push(`${c.id} ${v}: got ${got}`);
      checked++;
    }
    listedNotAffected += c.listed.filter(([, a]) => !a).length;
  }
  assert.equal(cases.length, 261);
  assert.ok(checked > 22000, `checked ${checked}`);
  assert.deepEqual(wrong, []);
  // The advisories' own "versions" lists agree with their ranges except 6 pre-releases of PYSEC-2023-61.
  assert.equal(listedNotAffected, 6);
});

test('PEP 440 ordering agrees with packaging on 3,000 real PyPI version pairs', () => {
  const pairs = readFileSync(new URL('./testdata/pep440-pairs.tsv', import.meta.url), 'utf8').trim().split('\n').map((l) => l.split('\t'));
  assert.equal(pairs.length, 3000);
  const pypi = schemeFor('PyPI');
  assert.deepEqual(pairs.filter(([a, b, want]) => pypi.compare(a!, b!) !== Number(want)), []);
});

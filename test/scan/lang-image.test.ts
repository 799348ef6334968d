import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { Package, ScanResult } from '../../src/core/types.js';
import { testImage } from '../support/test-images.js';
import { tempDir } from '../helpers.js';

// A real Debian 12 image built by scripts/build-test-images.sh (lang-apps): layer 0 debootstrap;
// layer 1 Debian's Java libraries (jackson-core, commons-lang3, commons-io, slf4j with pom.properties;
// log4j 1.2, commons-logging, the MongoDB driver without, described by /usr/share/maven-repo POMs), python3-requests
// and the Go tool duf; layer 2 an npm app installed from the registry (old packages, nested
// duplicates); layer 3 a Go binary built with modules (one dependency replaced by a local directory).
// Every expectation comes from the build's own ground truth (dpkg-query, npm query, go version -m,
// the pom.properties and METADATA files themselves), never from Coastguard.

let dir: string;
let result: ScanResult;
let layers: string[];

const tsv = (name: string) =>
  readFileSync(join(dir, name), 'utf8').split('\n').filter((l) => l.length > 0).map((l) => l.split('\t'));

before(async () => {
  dir = testImage('lang-apps');
  const work = tempDir('cg-lang-');
  const out = join(work, 'result.json');
  let stderr = '';
  const io = { stdout: process.stdout, stderr: { write: (s: string) => ((stderr += s), true) } as unknown as NodeJS.WritableStream };
  const code = await main(['image', '--input', join(dir, 'image.oci.tar'), '--format', 'json', '--output', out, '--cache-dir', join(work, 'cache'), '--scanners', 'misconfig', '--quiet'], io);
  assert.equal(code, 0, stderr);
  result = JSON.parse(readFileSync(out, 'utf8')) as ScanResult;
  layers = result.artifact.image!.layers.map((l) => l.diffID);
});

/** One comparable line per (package, location): what the ground truth can say about it. */
function row(p: Package, extra = ''): string[] {
  return p.locations.map((l) => `${p.name}@${p.version} ${l.path} L${layers.indexOf(l.layer!)} owner=${p.ownedBy ?? ''} ${p.purl}${extra}`);
}
const ofEcosystem = (eco: string) => result.packages.filter((p) => p.ecosystem === eco);
const sorted = (xs: string[]) => [...xs].sort();

test('the image has the 4 layers the build made, and the scan warns about nothing', () => {
  assert.equal(layers.length, 4);
  assert.deepEqual(result.warnings ?? [], []);
  assert.equal(result.artifact.os?.codename, 'bookworm');
});

test('Debian packages equal dpkg-query inside the image, each in the layer that installed it', () => {
  const expected = tsv('layer-dpkg.tsv').map(([name, version, idx]) => `${name}@${version} L${idx}`);
  assert.ok(expected.length > 100);
  const got = ofEcosystem('Debian').map((p) => `${p.name}@${p.version} L${layers.indexOf(p.locations[0].layer!)}`);
  assert.deepEqual(sorted(got), sorted(expected));
});

test("Maven: each jar's pom.properties, else the maven-repo POM its Debian package installed for it, as group:artifact@version", () => {
  const props = tsv('expected-java.tsv');
  assert.equal(props.length, 13); // jackson-core, commons-lang3, commons-io, 10 slf4j jars
  const debian = tsv('expected-java-debian.tsv');
  assert.ok(debian.some(([, g, a, v]) => `${g}:${a}@${v}` === 'log4j:log4j@1.2.17'));
  const expect = (rows: string[][], how: string) => rows.map(([path, g, a, v, owner, layer]) => `${g}:${a}@${v} ${path} L${layer} owner=${owner} pkg:maven/${g}/${a}@${v} (${how})`);
  const expected = [...expect(props, 'pom.properties'), ...expect(debian, 'maven-repo POM')];
  assert.deepEqual(sorted(ofEcosystem('Maven').flatMap((p) => row(p, ` (${String(p.meta?.identifiedBy)})`))), sorted(expected));
});

test('PyPI: every dist-info/egg-info of the Python distribution, PEP 503 names, owned by its python3-* package', () => {
  const truth = tsv('expected-python.tsv');
  assert.equal(truth.length, 7); // requests and its dependencies, six
  const norm = (n: string) => n.toLowerCase().replace(/[-_.]+/g, '-');
  const expected = truth.map(([name, v, path, owner, layer]) => `${norm(name)}@${v} ${path} L${layer} owner=${owner} pkg:pypi/${norm(name)}@${v}`);
  assert.deepEqual(sorted(ofEcosystem('PyPI').flatMap((p) => row(p))), sorted(expected));
});

test('npm: the installed tree as npm itself sees it (nested duplicates at their paths); the app lockfile is not read in an image', () => {
  const truth = tsv('expected-npm.tsv');
  assert.equal(truth.length, 8);
  // the point of this image: the same names at two versions, one nested under its dependant
  // (make-dir's semver ^6 is resolved at build time, so its exact version is read from the truth file)
  for (const name of ['minimist', 'semver']) {
    const copies = truth.filter(([n]) => n === name);
    assert.equal(new Set(copies.map(([, v]) => v)).size, 2, name);
    assert.ok(copies.some(([, , path]) => path.includes('/node_modules/') && path.split('node_modules/').length === 3), `${name} nested`);
  }
  const purl = (n: string, v: string) => `pkg:npm/${n.replace('@', '%40')}@${v}`;
  const installed = truth.map(([n, v, path, layer]) => `${n}@${v} ${path} L${layer} owner= ${purl(n, v)}`);
  // Lockfiles describe a build; in an image the installed tree is the truth (as with Trivy), so
  // app/package-lock.json adds nothing and each package is listed once.
  assert.deepEqual(sorted(ofEcosystem('npm').flatMap((p) => row(p))), sorted(installed));
});

test('Go: build info of both binaries as `go version -m` prints it (main module, deps, replacement, stdlib)', () => {
  const truth = tsv('expected-go.tsv');
  assert.equal(truth.filter(([bin, kind]) => bin === 'usr/local/bin/cgdemo' && kind === 'dep').length, 4);
  const expected: string[] = [];
  for (const [bin, kind, mod, version, replacement, owner, layer] of truth) {
    const at = ` ${bin} L${layer} owner=${owner} `;
    // docs/languages.md: the toolchain is `stdlib` at v1.x.y; a `(devel)` main module has version "";
    // a binary with only a `path` line (a GOPATH build, as Debian makes them) has no main module.
    if (kind === 'stdlib') {
      const v = version.replace(/^go/, 'v');
      expected.push(`stdlib@${v}${at}pkg:golang/stdlib@${v}`);
    } else if (kind === 'mod') {
      const v = version === '(devel)' ? '' : version;
      expected.push(`${mod}@${v}${at}pkg:golang/${mod}${v ? '@' + v : ''} main`);
    } else if (kind === 'dep') {
      // replaced by a local directory: the required name and version are kept (a module@version replacement would be reported as itself)
      const local = replacement !== '' && /^(\.{0,2}\/)/.test(replacement);
      assert.ok(replacement === '' || local, `only local replacements in this image: ${replacement}`);
      expected.push(`${mod}@${version}${at}pkg:golang/${mod}@${version}${local ? ` replacedBy=${replacement}` : ''}`);
    }
  }
  const got = ofEcosystem('Go').flatMap((p) =>
    row(p, `${p.meta?.mainModule ? ' main' : ''}${p.meta?.replacedBy ? ` replacedBy=${String(p.meta.replacedBy)}` : ''}`),
  );
  assert.deepEqual(sorted(got), sorted(expected));
});

test('no other language ecosystem shows up in this image', () => {
  const ecosystems = new Set(result.packages.map((p) => p.ecosystem));
  assert.deepEqual([...ecosystems].sort(), ['Debian', 'Go', 'Maven', 'PyPI', 'npm']);
});

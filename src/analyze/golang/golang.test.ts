import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { golangAnalyzers, parseGoSum } from './index.js';
import { nv, runFile, runTree } from '../lang-common/testing.js';

const td = (p: string) => fileURLToPath(new URL(`./testdata/${p}`, import.meta.url));
const L = 'sha256:layer1';
const dep = 'github.com/aquasecurity/go-dep-parser';

test('real Go binary (go1.19.8, -trimpath, stripped): main module, deps, `=>` replacement, stdlib', async () => {
  const r = await runFile(golangAnalyzers, td('hello-linux-amd64'), 'usr/local/bin/hello', L);
  assert.deepEqual(r.warnings, []);
  assert.deepEqual(
    r.packages.map((p) => [p.name, p.version, p.purl, JSON.stringify(p.meta ?? {})]),
    [
      ['example.com/hello', '', 'pkg:golang/example.com/hello', '{"mainModule":true,"goVersion":"go1.19.8"}'],
      ['example.com/greet', 'v1.2.3', 'pkg:golang/example.com/greet@v1.2.3', '{"replacedBy":"./greet"}'],
      ['github.com/acme/lib', 'v1.4.0', 'pkg:golang/github.com/acme/lib@v1.4.0', '{}'],
      ['stdlib', 'v1.19.8', 'pkg:golang/stdlib@v1.19.8', '{"goVersion":"go1.19.8"}'],
    ],
  );
  for (const p of r.packages) {
    assert.equal(p.ecosystem, 'Go');
    assert.deepEqual(p.locations, [{ path: 'usr/local/bin/hello', layer: L }]);
  }
});

test('binaries without build info: truncated ELF warns; scripts, empty files and non-Go ELF are silent', async () => {
  const [bin] = golangAnalyzers;
  const call = async (f: string, path: string) => {
    const content = readFileSync(td(f));
    return bin.analyze({ path, size: content.length, mode: 0o755, content });
  };
  assert.deepEqual(await call('trivy/binary/broken_elf', 'usr/bin/broken'), { warnings: [{ what: 'unreadable executable: truncated ELF header', where: 'usr/bin/broken' }] });
  assert.equal(await call('trivy/binary/executable_bash', 'usr/bin/script'), undefined);
  // a Go binary whose build info was cut off: the Go build ID is there, the module info is not
  const full = readFileSync(td('hello-linux-amd64'));
  const magic = full.indexOf(Buffer.from('\xff Go buildinf:', 'latin1'));
  const cut = Buffer.concat([full.subarray(0, magic + 20), Buffer.alloc(64), full.subarray(magic + 84)]);
  const r = await bin.analyze({ path: 'app/cut', size: cut.length, mode: 0o755, content: cut });
  assert.deepEqual(r, { warnings: [{ what: 'Go binary without readable module build info', where: 'app/cut' }] });
});

test('wants: executables by mode (not scripts, libraries or data trees); go.mod outside vendor/', () => {
  const [bin, mod] = golangAnalyzers;
  assert.ok(bin.wants('usr/local/bin/app', { size: 5_000_000, mode: 0o755 }));
  assert.ok(!bin.wants('usr/local/bin/app', { size: 5_000_000, mode: 0o644 }));
  assert.ok(!bin.wants('usr/local/bin/run.sh', { size: 500, mode: 0o755 }));
  assert.ok(!bin.wants('usr/lib/x86_64-linux-gnu/libc.so.6', { size: 2_000_000, mode: 0o755 }));
  assert.ok(!bin.wants('usr/local/bin/app', { size: 0, mode: 0o755 }));
  assert.ok(mod.wants('src/app/go.mod', { size: 500, mode: 0o644 }));
  assert.ok(!mod.wants('src/app/vendor/github.com/x/y/go.mod', { size: 500, mode: 0o644 }));
});

const gomodCases: [string, string[], Record<string, unknown>][] = [
  ['trivy/mod/normal/go.mod', ['github.com/aquasecurity/go-version@v0.0.0-20240603093900-cf8a8d29271d', 'github.com/davecgh/go-spew@v1.1.2-0.20180830191138-d8f796af33cc', 'github.com/pmezard/go-difflib@v1.0.1-0.20181226105442-5d4384ee4fb2', 'github.com/stretchr/testify@v1.9.0', 'golang.org/x/xerrors@v0.0.0-20231012003039-104605ab7028'], {}],
  ['trivy/mod/go116/go.mod', [`${dep}@v0.0.0-20211224170007-df43bca6b6ff`, 'gopkg.in/yaml.v3@v3.0.0-20210107192922-496545a6307b'], {}],
  ['trivy/mod/no-go-version/gomod', [`${dep}@v0.0.0-20211224170007-df43bca6b6ff`], {}],
  // replace without a version on the left applies to every version
  ['trivy/mod/replaced/go.mod', [`${dep}@v0.0.0-20220406074731-71021a481237`, 'golang.org/x/xerrors@v0.0.0-20200804184101-5ec99f83aff1'], { [dep]: { replaces: `${dep}@v0.0.0-20211110174639-8257534ffed3` } }],
  ['trivy/mod/replaced-with-version/go.mod', [`${dep}@v0.0.0-20220406074731-71021a481237`, 'golang.org/x/xerrors@v0.0.0-20200804184101-5ec99f83aff1'], {}],
  // replace of another version does not apply
  ['trivy/mod/replaced-with-version-mismatch/go.mod', [`${dep}@v0.0.0-20211224170007-df43bca6b6ff`, 'golang.org/x/xerrors@v0.0.0-20200804184101-5ec99f83aff1', 'gopkg.in/yaml.v3@v3.0.0-20210107192922-496545a6307b'], { [dep]: {} }],
  ['trivy/mod/replaced-with-local-path/go.mod', [`${dep}@v0.0.0-20211224170007-df43bca6b6ff`, 'golang.org/x/xerrors@v0.0.0-20200804184101-5ec99f83aff1', 'gopkg.in/yaml.v3@v3.0.0-20210107192922-496545a6307b'], {}],
  ['trivy/mod/replaced-with-local-path-and-version/go.mod', [`${dep}@v0.0.0-20211224170007-df43bca6b6ff`, 'golang.org/x/xerrors@v0.0.0-20200804184101-5ec99f83aff1', 'gopkg.in/yaml.v3@v3.0.0-20210107192922-496545a6307b'], { 'golang.org/x/xerrors': { indirect: true, replacedBy: './xerrors' } }],
  ['syft/go-mod-fixtures/one-package/go.mod', ['github.com/bmatcuk/doublestar@v1.3.1'], {}],
  ['syft/go-mod-fixtures/many-packages/go.mod', ['github.com/adrg/xdg@v0.2.1', 'github.com/anchore/archiver/v3@v3.5.2', 'github.com/anchore/go-testutils@v0.0.0-20200624184116-66aa578126db', 'github.com/anchore/go-version@v1.2.2-0.20200701162849-18adb9c92b9b', 'github.com/anchore/stereoscope@v0.0.0-20200706164556-7cf39d7f4639', 'github.com/bmatcuk/doublestar@v8.8.8', 'github.com/go-test/deep@v1.0.6'], {}],
  ['syft/go-mod-fixtures/relative-replace/go.mod', ['github.com/aws/aws-sdk-go-v2@v1.36.3'], { 'github.com/aws/aws-sdk-go-v2': { replacedBy: '../../../' } }],
  ['syft/go-source-replacements/go.mod', ['golang.org/x/text@v0.0.0-20170915032832-14c0d48ead0c', 'rsc.io/quote@v1.5.2', 'rsc.io/sampler@v1.3.1'], {}],
  ['syft/image-small/go.mod', ['github.com/anchore/archiver/v3@v3.5.3-0.20241210171143-5b1d8d1c7c51', 'github.com/andybalholm/brotli@v1.1.1', 'github.com/dsnet/compress@v0.0.2-0.20210315054119-f66993602bf5', 'github.com/golang/snappy@v0.0.4', 'github.com/klauspost/compress@v1.17.11', 'github.com/klauspost/pgzip@v1.2.6', 'github.com/nwaples/rardecode@v1.1.3', 'github.com/pierrec/lz4/v4@v4.1.21', 'github.com/ulikunitz/xz@v0.5.12', 'github.com/xi2/xz@v0.0.0-20171230120015-48954b6210f8'], {}],
];

test('go.mod: requires with replace directives applied, exact sets', async () => {
  for (const [fixture, want, metas] of gomodCases) {
    const r = await runFile(golangAnalyzers, td(fixture), 'src/go.mod', L);
    assert.deepEqual(r.warnings, [], fixture);
    assert.deepEqual(nv(r.packages), [...want].sort(), fixture);
    for (const [name, meta] of Object.entries(metas)) assert.deepEqual(r.packages.find((p) => p.name === name)?.meta ?? {}, meta, `${fixture} ${name}`);
  }
});

test('go.mod of the real binary\'s source tree agrees with its build info; vendor/ is skipped', async () => {
  const r = await runTree(golangAnalyzers, td('hello-src'));
  assert.deepEqual(nv(r.packages), ['example.com/greet@v1.2.3', 'github.com/acme/lib@v1.4.0']);
  assert.deepEqual(Object.keys(r.wanted).sort(), ['go.mod', 'greet/go.mod']);
});

test('corrupt go.mod gives a warning naming the file', async () => {
  const r = await runFile(golangAnalyzers, td('syft/corrupt/go.mod'), 'src/go.mod');
  assert.deepEqual(r.packages, []);
  assert.deepEqual(r.warnings, [{ what: 'invalid go.mod: unknown directive: ruire', where: 'src/go.mod' }]);
});

test('go.sum helper: highest version per module (counts checked with awk | sort -u)', () => {
  const sum = (f: string) => parseGoSum({ path: 'go.sum', size: 0, mode: 0o644, content: readFileSync(td(f)) });
  assert.equal(sum('trivy/sum/gomod_trivy.sum').length, 336);
  assert.equal(sum('trivy/sum/gomod_many.sum').length, 13);
  assert.equal(sum('trivy/sum/gomod_normal.sum').length, 1);
  // awk also counted the blank line; the file names two modules
  assert.deepEqual(nv(sum('trivy/sum/gomod_emptyline.sum')), ['github.com/karrick/godirwalk@v1.12.0', 'github.com/pkg/errors@v0.8.1']);
});

test('toolchain versions as the stdlib package', async () => {
  const { stdlibVersion } = await import('./purl.js');
  assert.equal(stdlibVersion('go1.21.3'), 'v1.21.3');
  assert.equal(stdlibVersion('go1.22'), 'v1.22.0');
  assert.equal(stdlibVersion('go1.20.1 X:boringcrypto'), 'v1.20.1');
  assert.equal(stdlibVersion('go1.22rc1'), 'v1.22.0-rc1');
  // Google-internal toolchains (seen in the Cloud SDK's binaries): the release line is what is known
  assert.equal(stdlibVersion('go1.25-20250209-RC00 cl/725164410 +5f32a4c9b8 X:fieldtrack,boringcrypto'), 'v1.25.0');
  assert.equal(stdlibVersion('devel +abc'), undefined);
});

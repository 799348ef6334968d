import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { rustAnalyzers } from './index.js';
import { nv, runFile } from '../lang-common/testing.js';

const td = (p: string) => fileURLToPath(new URL(`./testdata/${p}`, import.meta.url));
const L = 'sha256:layer1';
const argh = ['argh@0.1.12', 'argh_derive@0.1.12', 'argh_shared@0.1.12', 'proc-macro2@1.0.92', 'quote@1.0.37', 'serde@1.0.215', 'serde_derive@1.0.215', 'syn@2.0.90', 'unicode-ident@1.0.14'];

test('cargo-auditable data in a real Rust ELF binary; the binary\'s own crate is not a dependency', async () => {
  const r = await runFile(rustAnalyzers, td('hello_world-auditable'), 'usr/local/bin/hello_world', L);
  assert.deepEqual(r.warnings, []);
  assert.deepEqual(nv(r.packages), argh);
  const serde = r.packages.find((p) => p.name === 'serde')!;
  assert.equal(serde.purl, 'pkg:cargo/serde@1.0.215');
  assert.equal(serde.ecosystem, 'crates.io');
  assert.deepEqual(serde.locations, [{ path: 'usr/local/bin/hello_world', layer: L }]);
  assert.equal(serde.meta, undefined);
  assert.deepEqual(r.packages.find((p) => p.name === 'syn')!.meta, { kind: 'build' });
  // the same set as the project's Cargo.lock says
  const lock = await runFile(rustAnalyzers, td('syft/image-audit/Cargo.lock'), 'app/Cargo.lock');
  assert.deepEqual(nv(lock.packages), argh);
});

test('binaries: no .dep-v0 is silent, a damaged one warns', async () => {
  const [bin] = rustAnalyzers;
  const plain = readFileSync(td('trivy/binary/executable_bash'));
  assert.equal(await bin.analyze({ path: 'bin/x', size: plain.length, mode: 0o755, content: plain }), undefined);
  const real = readFileSync(td('hello_world-auditable'));
  // corrupt the compressed section in a copy: find it through its zlib header of the known JSON
  const json = readFileSync(td('hello_world-src/dep-v0.json'));
  assert.ok(real.indexOf(deflateSync(json, { level: 9 }).subarray(0, 2)) > 0);
  const { parseElf, elfSection } = await import('../lang-common/elf.js');
  const sec = elfSection(real, parseElf(real), '.dep-v0')!;
  const broken = Buffer.from(real);
  broken.fill(0x41, sec.byteOffset - real.byteOffset + 2, sec.byteOffset - real.byteOffset + 40);
  const r = await bin.analyze({ path: 'usr/bin/broken', size: broken.length, mode: 0o755, content: broken });
  assert.equal(r?.packages, undefined);
  assert.equal(r?.warnings?.[0].where, 'usr/bin/broken');
  assert.match(r!.warnings![0].what, /^corrupt cargo-auditable data: /);
});

test('Cargo.lock v1-v4: registry and git crates, not the workspace\'s own', async () => {
  const cases: [string, string[]][] = [
    ['syft/Cargo.lock', ['ansi_term@0.12.1', 'errno@0.3.9', 'matches@0.1.8', 'memchr@2.3.3', 'natord@1.0.9', 'nom@4.2.3', 'schannel@0.1.26', 'unicode-bidi@0.3.4', 'version_check@0.1.5', 'winapi-i686-pc-windows-gnu@0.4.0', 'winapi-x86_64-pc-windows-gnu@0.4.0', 'winapi@0.3.9', 'windows-sys@0.52.0', 'windows-sys@0.59.0']],
    ['syft/path-deps/Cargo.lock', ['memchr@2.7.4']],
    ['syft/Cargo.lock-with-git-deps', ['aho-corasick@1.1.3', 'memchr@2.7.4', 'minimal-lexical@0.2.1', 'nom-regex@0.2.0', 'nom@7.1.3', 'regex-automata@0.4.9', 'regex-automata@0.4.9', 'regex-syntax@0.8.5', 'regex-syntax@0.8.5', 'regex@1.11.1', 'regex@1.11.1']],
    ['trivy/cargo/cargo_normal.lock', ['idna@0.1.5', 'libc@0.2.54', 'matches@0.1.8', 'percent-encoding@1.0.1', 'typemap@0.3.3', 'unsafe-any@0.4.2', 'url@1.7.2']],
    ['trivy/cargo/cargo_mixed.lock', ['idna@0.1.5', 'libc@0.2.54', 'matches@0.1.8', 'percent-encoding@1.0.1', 'typemap@0.3.3', 'unsafe-any@0.4.2', 'url@1.7.2']],
    ['trivy/cargo/cargo_v3.lock', ['aho-corasick@0.7.20', 'libc@0.2.140', 'memchr@1.0.2', 'memchr@2.5.0', 'regex-syntax@0.5.6', 'regex-syntax@0.6.29', 'regex@1.7.3', 'ucd-util@0.1.10']],
  ];
  for (const [f, want] of cases) {
    const r = await runFile(rustAnalyzers, td(f), 'src/Cargo.lock', L);
    assert.deepEqual(r.warnings, [], f);
    assert.deepEqual(nv(r.packages), [...want].sort(), f);
  }
  const git = await runFile(rustAnalyzers, td('syft/Cargo.lock-with-git-deps'), 'Cargo.lock');
  // regex 1.11.1 comes both from crates.io and from a git checkout: two crates, the git one marked
  assert.deepEqual(git.packages.filter((p) => p.name === 'regex').map((p) => p.meta?.source), [undefined, 'git+https://github.com/rust-lang/regex.git#1a069b9232c607b34c4937122361aa075ef573fa']);
});

test('invalid Cargo.lock warns with the file name', async () => {
  const r = await runFile(rustAnalyzers, td('trivy/cargo/cargo_invalid.lock'), 'src/Cargo.lock');
  assert.deepEqual(r.packages, []);
  assert.equal(r.warnings.length, 1);
  assert.equal(r.warnings[0].where, 'src/Cargo.lock');
});

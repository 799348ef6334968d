// End to end through the real image pipeline (docker-archive reader, layer walk with workers,
// whiteouts, merge, inventory): an image assembled here from the language fixtures, so every
// package's exact version, file location and layer can be checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import tar from 'tar-stream';
import { openImageInput } from '../source/open-input.js';
import { scanImage } from '../scan/image-scan.js';
import { langAnalyzers } from './lang.js';
import { runTree } from './lang-common/testing.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

interface Entry { path: string; body?: Buffer; mode?: number }

/** Files of a fixture folder placed under `at` in the image. */
function tree(src: string, at: string): Entry[] {
  const out: Entry[] = [];
  const walk = (d: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push({ path: `${at}/${relative(src, p)}`, body: readFileSync(p), mode: statSync(p).mode & 0o777 });
    }
  };
  walk(src);
  return out;
}

async function layerTar(entries: Entry[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  pack.on('data', (c: unknown) => void chunks.push(c as Buffer));
  const done = new Promise<void>((r) => pack.on('end', () => r()));
  for (const e of entries) {
    await new Promise<void>((res, rej) => pack.entry({ name: e.path, mode: e.mode ?? 0o644, size: e.body?.length ?? 0 }, e.body ?? Buffer.alloc(0), (err) => (err ? rej(err) : res())));
  }
  pack.finalize();
  await done;
  return Buffer.concat(chunks);
}

test('language packages in a 3-layer image: exact versions, locations and layers; whiteouts honoured', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cg-lang-img-'));
  try {
    const layers = [
      // 1: binaries
      [
        { path: 'usr/local/bin/hello', body: readFileSync(here('./golang/testdata/hello-linux-amd64')), mode: 0o755 },
        { path: 'usr/local/bin/hello_world', body: readFileSync(here('./rust/testdata/hello_world-auditable')), mode: 0o755 },
        { path: 'usr/local/bin/entrypoint.sh', body: Buffer.from('#!/bin/sh\nexec hello\n'), mode: 0o755 },
      ],
      // 2: an npm app with nested duplicates (and its lockfile), a Python site-packages, a war, a Gemfile.lock
      [
        ...tree(here('./npm/testdata/trivy/analyzer/npm/happy'), 'app'),
        ...tree(here('./python/testdata/snyk/ok/site-packages'), 'usr/lib/python3/dist-packages'),
        { path: 'opt/tomcat/webapps/app.war', body: readFileSync(here('./java/testdata/built/app.war')) },
        { path: 'opt/tomcat/lib/broken.jar', body: readFileSync(here('./java/testdata/built/truncated.jar')) },
        { path: 'srv/Gemfile.lock', body: readFileSync(here('./ruby/testdata/trivy/bundler/Gemfile_normal.lock')) },
      ],
      // 3: the war is deleted (whiteout) and the top-level ms is upgraded
      [
        { path: 'opt/tomcat/webapps/.wh.app.war' },
        { path: 'app/node_modules/ms/package.json', body: Buffer.from(JSON.stringify({ name: 'ms', version: '2.1.3', license: 'MIT' })) },
      ],
    ] as Entry[][];
    const diffIDs: string[] = [];
    const names: string[] = [];
    for (const [i, l] of layers.entries()) {
      const t = await layerTar(l);
      diffIDs.push('sha256:' + createHash('sha256').update(t).digest('hex'));
      mkdirSync(join(dir, `l${i}`));
      writeFileSync(join(dir, `l${i}`, 'layer.tar'), t);
      names.push(`l${i}/layer.tar`);
    }
    const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', config: {}, rootfs: { type: 'layers', diff_ids: diffIDs }, history: layers.map(() => ({ created_by: 'test' })) }));
    writeFileSync(join(dir, 'config.json'), config);
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify([{ Config: 'config.json', RepoTags: ['coastguard-test/lang:1'], Layers: names }]));

    const img = await openImageInput(dir, { platform: { os: 'linux', architecture: 'amd64' } });
    const result = await scanImage(img, { scanners: new Set(['license']), workers: 1 } as Parameters<typeof scanImage>[1]);
    const lang = result.packages.filter((p) => ['npm', 'PyPI', 'Maven', 'Go', 'RubyGems', 'crates.io'].includes(p.ecosystem));
    const got = lang.map((p) => `${p.ecosystem} ${p.name}@${p.version} ${p.locations.map((l) => `${l.path}#${diffIDs.indexOf(l.layer!)}`).join(',')}`).sort();

    // Expected: what the files themselves say, laid out as above.
    const expectedPython = (await runTree(langAnalyzers, here('./python/testdata/snyk/ok/site-packages'))).packages
      .map((p) => `PyPI ${p.name}@${p.version} usr/lib/python3/dist-packages/${p.locations[0].path}#1`);
    const expected = [
      'Go example.com/hello@ usr/local/bin/hello#0',
      'Go example.com/greet@v1.2.3 usr/local/bin/hello#0',
      'Go github.com/acme/lib@v1.4.0 usr/local/bin/hello#0',
      'Go stdlib@v1.19.8 usr/local/bin/hello#0',
      ...['argh@0.1.12', 'argh_derive@0.1.12', 'argh_shared@0.1.12', 'proc-macro2@1.0.92', 'quote@1.0.37', 'serde@1.0.215', 'serde_derive@1.0.215', 'syn@2.0.90', 'unicode-ident@1.0.14'].map((c) => `crates.io ${c} usr/local/bin/hello_world#0`),
      'npm @babel/parser@7.23.6 app/node_modules/@babel/parser/package.json#1',
      'npm body-parser@1.18.3 app/node_modules/body-parser/package.json#1',
      'npm debug@2.6.9 app/node_modules/body-parser/node_modules/debug/package.json#1',
      'npm debug@2.6.9 app/node_modules/express/node_modules/debug/package.json#1',
      'npm express@4.16.4 app/node_modules/express/package.json#1',
      'npm ms@2.0.0 app/node_modules/body-parser/node_modules/ms/package.json#1',
      'npm ms@2.0.0 app/node_modules/express/node_modules/ms/package.json#1',
      'npm ms@2.1.3 app/node_modules/ms/package.json#2',
      ...expectedPython,
    ].sort();
    // Lockfiles (app/package-lock.json, srv/Gemfile.lock) describe a build, not the image: not read here.
    assert.deepEqual(got, expected);
    // nothing from the deleted war; the truncated jar is reported, by name
    assert.ok(!lang.some((p) => p.ecosystem === 'Maven'));
    assert.ok((result.warnings ?? []).some((w) => w.where === 'opt/tomcat/lib/broken.jar' && /^corrupt Java archive/.test(w.what)), JSON.stringify(result.warnings));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

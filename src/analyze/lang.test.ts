import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Package } from '../core/types.js';
import { langAnalyzers, langAnalyzersWithFileLists, mergeFileLists } from './lang.js';
import { allAnalyzers } from './registry.js';

const wanted = (p: string, mode = 0o644, size = 4096) => langAnalyzers.filter((a) => a.wants(p, { size, mode })).map((a) => a.id);

test('every language analyzer is registered, kind lang, with a unique id', () => {
  const ids = langAnalyzers.map((a) => a.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const a of langAnalyzers) {
    assert.equal(a.kind, 'lang', a.id);
    assert.ok(allAnalyzers.includes(a), `${a.id} registered`);
  }
  assert.ok(!allAnalyzers.some((a) => a.id === 'python-record'));
  assert.ok(langAnalyzersWithFileLists.some((a) => a.id === 'python-record'));
});

test('each file format is claimed by exactly one analyzer (image paths and source-tree paths)', () => {
  const cases: [string, string[], number?][] = [
    ['app/node_modules/express/package.json', ['npm-package-json']],
    ['package-lock.json', ['npm-package-lock']],
    ['web/yarn.lock', ['yarn-lock']],
    ['pnpm-lock.yaml', ['pnpm-lock']],
    ['usr/local/lib/python3.12/site-packages/pip-24.0.dist-info/METADATA', ['python-metadata']],
    ['requirements.txt', ['pip-requirements']],
    ['poetry.lock', ['poetry-lock']],
    ['uv.lock', ['uv-lock']],
    ['Pipfile.lock', ['pipfile-lock']],
    ['usr/share/java/commons-io.jar', ['java-archive']],
    ['usr/local/bin/app', ['go-binary', 'rust-binary'], 0o755], // one read, two readers of the same body
    ['go.mod', ['go-mod']],
    ['usr/local/bundle/specifications/rack-3.0.8.gemspec', ['gemspec']],
    ['Gemfile.lock', ['gemfile-lock']],
    ['Cargo.lock', ['cargo-lock']],
    ['var/www/vendor/composer/installed.json', ['composer-installed']],
    ['composer.lock', ['composer-lock']],
    ['app/MyApp.deps.json', ['dotnet-deps']],
    ['packages.lock.json', ['nuget-lock']],
    // not package files
    ['app/package.json', []],
    ['etc/passwd', []],
    ['usr/share/doc/x/README.md', []],
    ['usr/bin/run.sh', [], 0o755],
  ];
  for (const [p, ids, mode] of cases) assert.deepEqual(wanted(p, mode), ids, p);
});

test('mergeFileLists folds RECORD lists into their METADATA package and drops orphans', () => {
  const mk = (path: string, meta?: Record<string, unknown>): Package => ({ name: 'six', version: '1.16.0', ecosystem: 'PyPI', purl: 'pkg:pypi/six@1.16.0', locations: [{ path, layer: 'sha256:l' }], licenses: [], meta });
  const out = mergeFileLists([
    mk('sp/six-1.16.0.dist-info/METADATA'),
    mk('sp/six-1.16.0.dist-info/RECORD', { fileListOf: 'sp/six-1.16.0.dist-info/METADATA', installedFiles: ['sp/six.py'] }),
    mk('sp/gone-1.0.dist-info/RECORD', { fileListOf: 'sp/gone-1.0.dist-info/METADATA', installedFiles: ['sp/gone.py'] }),
  ]);
  assert.equal(out.length, 1);
  assert.deepEqual(out[0].meta, { installedFiles: ['sp/six.py'] });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { phpAnalyzers } from './index.js';
import { nv, runFile } from '../lang-common/testing.js';

const td = (p: string) => fileURLToPath(new URL(`./testdata/${p}`, import.meta.url));
const L = 'sha256:layer1';
const INSTALLED = 'var/www/html/vendor/composer/installed.json';

test('vendor/composer/installed.json, Composer 1 (array) and 2 (object with dev-package-names)', async () => {
  for (const f of ['syft/vendor/composer_1/installed.json', 'syft/vendor/composer_2/installed.json']) {
    const r = await runFile(phpAnalyzers, td(f), INSTALLED, L);
    assert.deepEqual(r.warnings, [], f);
    assert.deepEqual(nv(r.packages), ['asm89/stack-cors@1.3.0', 'behat/mink@v1.8.1'], f);
    const cors = r.packages.find((p) => p.name === 'asm89/stack-cors')!;
    assert.equal(cors.purl, 'pkg:composer/asm89/stack-cors@1.3.0');
    assert.equal(cors.ecosystem, 'Packagist');
    assert.deepEqual(cors.licenses, ['MIT']);
    assert.deepEqual(cors.locations, [{ path: INSTALLED, layer: L }]);
  }
  const v2 = await runFile(phpAnalyzers, td('syft/vendor/composer_2/installed.json'), INSTALLED);
  assert.deepEqual(v2.packages.find((p) => p.name === 'behat/mink')?.meta, { dev: true });
  const happy = await runFile(phpAnalyzers, td('trivy/composer-vendor/happy/installed.json'), INSTALLED);
  assert.deepEqual(nv(happy.packages), ['pear/log@1.13.3', 'pear/pear_exception@v1.0.2']);
});

test('composer.lock: packages and packages-dev (marked), metapackages left out; a real Drupal 10 lock', async () => {
  const cases: [string, string[]][] = [
    ['syft/composer.lock', ['adoy/fastcgi-client@1.0.2', 'alcaeus/mongo-php-adapter@1.1.11', 'behat/gherkin@v4.6.2', 'codeception/codeception@4.1.6']],
    ['trivy/composer_happy.lock', ['guzzlehttp/guzzle@6.5.8', 'guzzlehttp/promises@1.5.2', 'guzzlehttp/psr7@1.9.0', 'pear/log@1.13.3', 'pear/pear_exception@v1.0.2', 'psr/http-message@1.0.1', 'ralouphie/getallheaders@3.0.3', 'symfony/polyfill-intl-idn@v1.27.0', 'symfony/polyfill-intl-normalizer@v1.27.0', 'symfony/polyfill-php72@v1.27.0']],
    ['trivy/composer/happy/composer.lock', ['pear/log@1.13.3', 'pear/pear_exception@v1.0.2']],
    ['trivy/composer/with-dev/composer.lock', ['pear/log@1.14.6', 'pear/pear_exception@v1.0.2', 'psr/log@1.1.4']],
    ['snyk/drupal10-composer.lock', JSON.parse(readFileSync(td('snyk/drupal10-expected.json'), 'utf8')) as string[]],
  ];
  for (const [f, want] of cases) {
    const r = await runFile(phpAnalyzers, td(f), 'opt/app/composer.lock', L);
    assert.deepEqual(r.warnings, [], f);
    assert.deepEqual(nv(r.packages), [...want].sort(), f);
  }
  const dev = await runFile(phpAnalyzers, td('trivy/composer/with-dev/composer.lock'), 'composer.lock');
  assert.equal(dev.packages.find((p) => p.name === 'psr/log')?.meta, undefined);
  assert.deepEqual(dev.packages.find((p) => p.name === 'pear/log')?.meta, { dev: true });
});

test('corrupt composer files warn with the file name', async () => {
  for (const [f, path] of [
    ['trivy/composer-vendor/sad/installed.json', INSTALLED],
    ['trivy/composer/sad/composer.lock', 'composer.lock'],
    ['syft/glob-paths/composer.lock', 'src/composer.lock'],
  ]) {
    const r = await runFile(phpAnalyzers, td(f), path);
    assert.deepEqual(r.packages, [], f);
    assert.equal(r.warnings.length, 1, f);
    assert.equal(r.warnings[0].where, path);
  }
});

test('wants: installed.json under composer/, composer.lock outside vendor/', () => {
  const wants = (p: string) => phpAnalyzers.filter((a) => a.wants(p, { size: 100, mode: 0o644 })).map((a) => a.id);
  assert.deepEqual(wants('app/vendor/composer/installed.json'), ['composer-installed']);
  assert.deepEqual(wants('app/composer.lock'), ['composer-lock']);
  assert.deepEqual(wants('app/vendor/foo/bar/composer.lock'), []);
  assert.deepEqual(wants('app/composer.json'), []);
});

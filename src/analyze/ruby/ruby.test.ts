import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { rubyAnalyzers } from './index.js';
import { nv, runFile } from '../lang-common/testing.js';

const td = (p: string) => fileURLToPath(new URL(`./testdata/${p}`, import.meta.url));
const L = 'sha256:layer1';
const SPEC = 'usr/local/bundle/specifications/x.gemspec';

test('installed gemspecs: name, version, licences, PURL, location', async () => {
  const cases: [string, string, string[]][] = [
    ['syft/bundler.gemspec', 'bundler@2.1.4', ['MIT']],
    ['syft/formatador.gemspec', 'formatador@1.1.0', ['MIT']],
    ['trivy/gemspec/normal00.gemspec', 'rake@13.0.3', ['MIT']],
    ['trivy/gemspec/normal01.gemspec', 'async@1.25.0', ['MIT']],
    ['trivy/gemspec/license.gemspec', 'async@1.25.0', ['MIT']],
    ['trivy/gemspec/multiple_licenses.gemspec', 'test-unit@3.3.7', ['Ruby', 'BSDL', 'PSFL']],
  ];
  for (const [f, want, lic] of cases) {
    const r = await runFile(rubyAnalyzers, td(f), SPEC, L);
    assert.deepEqual(r.warnings, [], f);
    assert.deepEqual(nv(r.packages), [want], f);
    assert.deepEqual(r.packages[0].licenses, lic, f);
    assert.equal(r.packages[0].ecosystem, 'RubyGems');
    assert.equal(r.packages[0].purl, `pkg:gem/${want.replace('@', '@')}`);
    assert.deepEqual(r.packages[0].locations, [{ path: SPEC, layer: L }]);
  }
});

test('unreadable gemspecs warn with the file name', async () => {
  for (const [f, what] of [
    ['trivy/gemspec/empty_name.gemspec', 'unreadable gemspec: no literal name'],
    ['trivy/gemspec/malformed00.gemspec', 'unreadable gemspec: no literal name'],
    ['trivy/gemspec/malformed01.gemspec', 'unreadable gemspec: no literal version'],
  ]) {
    const r = await runFile(rubyAnalyzers, td(f), SPEC);
    assert.deepEqual(r.packages, [], f);
    assert.deepEqual(r.warnings, [{ what, where: SPEC }], f);
  }
});

test('Gemfile.lock: GEM and GIT specs, not PATH nor unknown sections; platforms stripped', async () => {
  const syft = await runFile(rubyAnalyzers, td('syft/Gemfile.lock'), 'app/Gemfile.lock', L);
  assert.deepEqual(syft.warnings, []);
  assert.deepEqual(nv(syft.packages), ['actionmailer@4.1.1', 'actionpack@4.1.1', 'actionview@4.1.1', 'activemodel@4.1.1', 'activerecord@4.1.1', 'activesupport@4.1.1', 'arel@5.0.1.20140414130214', 'bootstrap-sass@3.1.1.1', 'builder@3.2.2', 'coffee-rails@4.0.1', 'coffee-script-source@1.7.0', 'coffee-script@2.2.0', 'erubis@2.7.0', 'execjs@2.0.2', 'hike@1.2.3', 'i18n@0.6.9', 'jbuilder@2.0.7', 'jquery-rails@3.1.0', 'json@1.8.1', 'kgio@2.9.2', 'libv8@3.16.14.3', 'mail@2.5.4', 'mime-types@1.25.1', 'minitest@5.3.4', 'multi_json@1.10.1', 'mysql2@0.3.16', 'polyglot@0.3.4', 'rack-test@0.6.2', 'rack@1.5.2', 'rails@4.1.1', 'railties@4.1.1', 'raindrops@0.13.0', 'rake@10.3.2', 'rdoc@4.1.1', 'ref@1.0.5', 'sass-rails@4.0.3', 'sass@3.2.19', 'sdoc@0.4.0', 'spring@1.1.3', 'sprockets-rails@2.1.3', 'sprockets@2.11.0', 'sqlite3@1.3.9', 'therubyracer@0.12.1', 'thor@0.19.1', 'thread_safe@0.3.3', 'tilt@1.4.1', 'treetop@1.4.15', 'turbolinks@3.0.0', 'tzinfo@1.2.0', 'uglifier@2.5.0', 'unicorn@4.8.3']);
  assert.deepEqual(syft.packages.find((p) => p.name === 'turbolinks')?.meta, { source: 'git' });
  const b2 = await runFile(rubyAnalyzers, td('trivy/bundler/Gemfile_bundler2.lock'), 'Gemfile.lock');
  assert.deepEqual(nv(b2.packages), ['coderay@1.1.3', 'concurrent-ruby@1.1.10', 'dotenv@2.7.6', 'faker@2.21.0', 'i18n@1.10.0', 'json@2.6.2', 'method_source@1.0.0', 'pry@0.14.1']);
  const normal = await runFile(rubyAnalyzers, td('trivy/bundler/Gemfile_normal.lock'), 'Gemfile.lock');
  assert.deepEqual(nv(normal.packages), ['coderay@1.1.2', 'concurrent-ruby@1.1.5', 'dotenv@2.7.2', 'faker@1.9.3', 'i18n@1.6.0', 'method_source@0.9.2', 'pry@0.12.2']);
  const bad = await runFile(rubyAnalyzers, td('trivy/bundler/Gemfile_malformed.lock'), 'Gemfile.lock');
  assert.deepEqual(bad.warnings, [{ what: 'invalid Gemfile.lock: no Gemfile.lock sections', where: 'Gemfile.lock' }]);
  const [, lock] = rubyAnalyzers;
  const plat = await lock.analyze({ path: 'Gemfile.lock', size: 0, mode: 0o644, content: Buffer.from('GEM\n  remote: https://rubygems.org/\n  specs:\n    nokogiri (1.13.6-x86_64-linux)\n    racc (1.6.0)\n    rails (7.1.0.rc1)\n') });
  assert.deepEqual(nv(plat?.packages ?? []), ['nokogiri@1.13.6', 'racc@1.6.0', 'rails@7.1.0.rc1']);
});

test('wants: specifications/*.gemspec and Gemfile.lock', () => {
  const wants = (p: string) => rubyAnalyzers.filter((a) => a.wants(p, { size: 100, mode: 0o644 })).map((a) => a.id);
  assert.deepEqual(wants('usr/local/lib/ruby/gems/3.2.0/specifications/rack-2.2.3.gemspec'), ['gemspec']);
  assert.deepEqual(wants('usr/local/lib/ruby/gems/3.2.0/specifications/default/json-2.6.3.gemspec'), ['gemspec']); // default gems ship with Ruby and get CVEs too
  assert.deepEqual(wants('src/mygem.gemspec'), []);
  assert.deepEqual(wants('app/Gemfile.lock'), ['gemfile-lock']);
});

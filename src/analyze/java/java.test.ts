import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { javaAnalyzers, parsePomProperties } from './index.js';
import { nv, runFile, runTree } from '../lang-common/testing.js';

const td = (p: string) => fileURLToPath(new URL(`./testdata/${p}`, import.meta.url));
const L = 'sha256:layer1';
const summary = (pkgs: { name: string; version: string; purl: string; meta?: Record<string, unknown>; locations: { path: string }[] }[]) =>
  pkgs.map((p) => `${p.name}@${p.version} ${p.purl} ${p.locations[0].path}${p.meta?.archive ? '!/' + String(p.meta.archive) : ''} (${String(p.meta?.identifiedBy)})`).sort();

test('jar metadata (syft fixtures zipped as jars): pom.properties, then MANIFEST.MF, then file name', async () => {
  const r = await runTree(javaAnalyzers, td('syft-jars'), L);
  assert.deepEqual(r.warnings, []);
  assert.deepEqual(summary(r.packages), [
    'com.fasterxml.jackson.core:jackson-core@2.15.2 pkg:maven/com.fasterxml.jackson.core/jackson-core@2.15.2 com.fasterxml.jackson.core.jackson-core-2.15.2.jar (MANIFEST.MF)',
    'com.fasterxml.jackson.core:jackson-core@2.15.2 pkg:maven/com.fasterxml.jackson.core/jackson-core@2.15.2 jackson-core-2.15.2.jar (MANIFEST.MF)',
    'com.multiple:thename@10.11.12 pkg:maven/com.multiple/thename@10.11.12 org.multiple-thename.jar (pom.properties)',
    'commons-lang3@3.12.0 pkg:generic/commons-lang3@3.12.0 commons-lang3-3.12.0.jar (file name)',
    'micronaut-aop@4.9.11 pkg:generic/micronaut-aop@4.9.11 micronaut-aop-4.9.11.jar (MANIFEST.MF)',
    'org.apache.directory.api:api-all@2.0.0 pkg:maven/org.apache.directory.api/api-all@2.0.0 api-all-2.0.0-sources.jar (pom.properties)',
    'org.apache.directory.api:api-asn1-api@2.0.0 pkg:maven/org.apache.directory.api/api-asn1-api@2.0.0 api-all-2.0.0-sources.jar (pom.properties)',
    'org.jenkins-ci.plugins:gradle@2.11 pkg:maven/org.jenkins-ci.plugins/gradle@2.11 gradle.hpi (MANIFEST.MF)',
    'org.multiple:multiple-matching-1@2.11.5 pkg:maven/org.multiple/multiple-matching-1@2.11.5 multiple-matching-2.11.5.jar (pom.properties)',
    'org.multiple:multiple-matching-2@2.11.5 pkg:maven/org.multiple/multiple-matching-2@2.11.5 multiple-matching-2.11.5.jar (pom.properties)',
    'org.multiple:multiple-matching-3@2.11.5 pkg:maven/org.multiple/multiple-matching-3@2.11.5 multiple-matching-2.11.5.jar (pom.properties)',
    'org.opensaml:opensaml-core@3.4.6 pkg:maven/org.opensaml/opensaml-core@3.4.6 opensaml-core-3.4.6.jar (pom.properties)',
    'org.multiple:thename@10.11.12 pkg:maven/org.multiple/thename@10.11.12 org.multiple-thename.jar (pom.properties)',
    'spring-instrumentation@1.0 pkg:generic/spring-instrumentation@1.0 spring-instrumentation-4.3.0-1.0.jar (MANIFEST.MF)',
  ].sort());
  const jackson = r.packages.find((p) => p.locations[0].path === 'jackson-core-2.15.2.jar')!;
  assert.equal(jackson.ecosystem, 'Maven');
  assert.deepEqual(jackson.licenses, ['https://www.apache.org/licenses/LICENSE-2.0.txt']);
  assert.deepEqual(jackson.locations, [{ path: 'jackson-core-2.15.2.jar', layer: L }]);
});

test('real nested archives: a war holding Trivy\'s test.par holding the real jackson-core-2.9.10.jar; Spring Boot BOOT-INF/lib', async () => {
  const war = await runFile(javaAnalyzers, td('built/app.war'), 'usr/local/tomcat/webapps/app.war', L);
  assert.deepEqual(war.warnings, []);
  assert.deepEqual(summary(war.packages), [
    'com.example:par-app@3.0.0 pkg:maven/com.example/par-app@3.0.0 usr/local/tomcat/webapps/app.war!/WEB-INF/lib/par-app.jar (pom.properties)',
    'com.fasterxml.jackson.core:jackson-core@2.9.10 pkg:maven/com.fasterxml.jackson.core/jackson-core@2.9.10 usr/local/tomcat/webapps/app.war!/WEB-INF/lib/par-app.jar!/lib/jackson-core-2.9.10.jar (pom.properties)',
  ]);
  const par = await runFile(javaAnalyzers, td('real/test.par'), 'opt/test.par');
  assert.deepEqual(nv(par.packages), ['com.example:par-app@3.0.0', 'com.fasterxml.jackson.core:jackson-core@2.9.10']);
  const boot = await runFile(javaAnalyzers, td('built/boot.jar'), 'app/demo.jar');
  assert.deepEqual(boot.warnings, []);
  assert.deepEqual(summary(boot.packages), [
    'com.example:demo@0.0.1-SNAPSHOT pkg:maven/com.example/demo@0.0.1-SNAPSHOT app/demo.jar (pom.properties)',
    'micronaut-aop@4.9.11 pkg:generic/micronaut-aop@4.9.11 app/demo.jar!/BOOT-INF/lib/micronaut-aop-4.9.11.jar (MANIFEST.MF)',
    'org.opensaml:opensaml-core@3.4.6 pkg:maven/org.opensaml/opensaml-core@3.4.6 app/demo.jar!/BOOT-INF/lib/opensaml-core-3.4.6.jar (pom.properties)',
  ]);
});

test('corrupt archives: truncated jar, not-a-zip jar, a truncated jar inside a war — warnings naming the file, siblings still found', async () => {
  for (const f of ['built/truncated.jar', 'real/corrupt-example.jar']) {
    const r = await runFile(javaAnalyzers, td(f), `lib/${f.split('/')[1]}`);
    assert.deepEqual(r.packages, []);
    assert.equal(r.warnings.length, 1);
    assert.equal(r.warnings[0].where, `lib/${f.split('/')[1]}`);
    assert.match(r.warnings[0].what, /^corrupt Java archive: /);
  }
  const r = await runFile(javaAnalyzers, td('built/with-broken.war'), 'srv/with-broken.war');
  assert.deepEqual(nv(r.packages), ['org.opensaml:opensaml-core@3.4.6']);
  assert.equal(r.warnings.length, 1);
  assert.equal(r.warnings[0].where, 'srv/with-broken.war!/WEB-INF/lib/broken-1.0.jar');
});

test('pom.properties parsing (snyk fixtures): complete, incomplete and invalid files', () => {
  const p = (f: string) => parsePomProperties(readFileSync(td(`snyk-pom-properties/${f}`), 'utf8'));
  assert.deepEqual(p('mssql-jdbc.pom.properties'), { groupId: 'com.microsoft.sqlserver', artifactId: 'mssql-jdbc', version: '12.10.2' });
  assert.deepEqual(p('valid.pom.properties'), { groupId: 'org.test', artifactId: 'org.test.dependency', version: '1.0.0' });
  assert.equal(p('incomplete.pom.properties'), undefined);
  assert.equal(p('invalid.pom.properties'), undefined);
});

test('wants: Java archive extensions only', () => {
  const wants = (p: string) => javaAnalyzers.some((a) => a.wants(p, { size: 1000, mode: 0o644 }));
  for (const p of ['usr/share/java/commons-io.jar', 'a/b.war', 'a/b.ear', 'a/b.par', 'a/B.JAR', 'var/jenkins/plugins/git.hpi', 'x.jpi']) assert.ok(wants(p), p);
  for (const p of ['a/b.zip', 'a/b.jar.sha1', 'a/MANIFEST.MF', 'a/pom.xml']) assert.ok(!wants(p), p);
  assert.ok(!javaAnalyzers[0].wants('empty.jar', { size: 0, mode: 0o644 }));
});

// Debian's maven-repo POMs as the second evidence for jar coordinates. Real files from Debian 12
// packages (testdata/debian-maven-repo, see NOTICE.md): the POMs and the packages' file lists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { MAVEN_REPO_POM, applyDebianPoms, parsePomXml, readRepoPom, type RepoPom } from './maven-repo.js';
import { fromFileName, fromManifest } from './archive.js';
import { mavenPackage } from './purl.js';

const dir = fileURLToPath(new URL('./testdata/debian-maven-repo/', import.meta.url));
const pomPaths = (readdirSync(dir, { recursive: true }) as string[]).filter((p) => p.endsWith('.pom')).map((p) => p.split('\\').join('/')).sort();
const poms: RepoPom[] = pomPaths.flatMap((p) => readRepoPom({ path: p, size: 0, mode: 0o644, content: readFileSync(join(dir, p)) })?.mavenPoms ?? []);
const owners = new Map<string, string>();
for (const pkg of ['liblog4j1.2-java', 'libcommons-logging-java', 'libmongodb-java']) {
  for (const line of readFileSync(join(dir, `${pkg}.list`), 'utf8').split('\n')) if (line.length > 1) owners.set(line.slice(1), pkg);
}
const coords = (p: { name: string; version: string; purl: string; meta?: Record<string, unknown> }) => `${p.name}@${p.version} ${p.purl} (${String(p.meta?.identifiedBy)})`;

test('maven-repo POMs: the project coordinates; the "1.2.x" and "debian" aliases are skipped', () => {
  assert.ok(pomPaths.every((p) => MAVEN_REPO_POM.test(p)));
  assert.deepEqual(poms.map((p) => `${p.groupId}:${p.artifactId}@${p.version}`).sort(), [
    'commons-logging:commons-logging-api@1.2', 'commons-logging:commons-logging@1.2', 'log4j:log4j@1.2.17', 'org.mongodb:bson@3.6.3', 'org.mongodb:mongodb-driver-core@3.6.3',
  ]);
  assert.equal(readRepoPom({ path: 'usr/share/maven-repo/log4j/log4j/1.2.x/log4j-1.2.x.pom', size: 0, mode: 0o644, content: readFileSync(join(dir, 'usr/share/maven-repo/log4j/log4j/1.2.x/log4j-1.2.x.pom')) }), undefined);
  assert.deepEqual(parsePomXml('<project><parent><groupId>org.x</groupId><version>2.1</version></parent><artifactId>y</artifactId><dependencies><dependency><groupId>z</groupId><version>9</version></dependency></dependencies></project>'), { groupId: 'org.x', artifactId: 'y', version: '2.1' });
});

test("a jar without pom.properties takes the coordinates of the POM its own Debian package installed for it", () => {
  // What the jar reader makes of these jars on its own: log4j's manifest names bundle
  // org.apache.log4j (a made-up group "org.apache"); the others give file-name guesses.
  const log4jManifest = fromManifest(new Map([['Bundle-SymbolicName', 'org.apache.log4j'], ['Bundle-Version', '1.2.17'], ['Bundle-Name', 'Apache Log4j']]), 'log4j-1.2-1.2.17.jar')!;
  const found = [
    mavenPackage(log4jManifest, { path: 'usr/share/java/log4j-1.2-1.2.17.jar' }, { identifiedBy: 'MANIFEST.MF' }),
    ...['commons-logging-1.2.jar', 'commons-logging-api-1.2.jar', 'commons-logging-adapters-1.2.jar', 'bson-3.6.3.jar', 'mongodb-driver-core-3.6.3.jar', 'mongo-java-driver-3.6.3.jar']
      .map((f) => mavenPackage(fromFileName(f)!, { path: `usr/share/java/${f}` }, { identifiedBy: 'file name' })),
    // a jar no Debian package owns keeps its own evidence
    mavenPackage(fromFileName('bson-3.6.3.jar')!, { path: 'opt/app/lib/bson-3.6.3.jar' }, { identifiedBy: 'file name' }),
  ];
  assert.equal(coords(found[0]), 'org.apache:log4j@1.2.17 pkg:maven/org.apache/log4j@1.2.17 (MANIFEST.MF)');
  assert.deepEqual(applyDebianPoms(found, poms, owners).map((p) => `${p.locations[0].path} ${coords(p)}`), [
    'usr/share/java/log4j-1.2-1.2.17.jar log4j:log4j@1.2.17 pkg:maven/log4j/log4j@1.2.17 (maven-repo POM)',
    'usr/share/java/commons-logging-1.2.jar commons-logging:commons-logging@1.2 pkg:maven/commons-logging/commons-logging@1.2 (maven-repo POM)',
    'usr/share/java/commons-logging-api-1.2.jar commons-logging:commons-logging-api@1.2 pkg:maven/commons-logging/commons-logging-api@1.2 (maven-repo POM)',
    // its POM is not among the fixtures: the prefix "commons-logging-" must not claim it
    'usr/share/java/commons-logging-adapters-1.2.jar commons-logging-adapters@1.2 pkg:generic/commons-logging-adapters@1.2 (file name)',
    'usr/share/java/bson-3.6.3.jar org.mongodb:bson@3.6.3 pkg:maven/org.mongodb/bson@3.6.3 (maven-repo POM)',
    'usr/share/java/mongodb-driver-core-3.6.3.jar org.mongodb:mongodb-driver-core@3.6.3 pkg:maven/org.mongodb/mongodb-driver-core@3.6.3 (maven-repo POM)',
    'usr/share/java/mongo-java-driver-3.6.3.jar mongo-java-driver@3.6.3 pkg:generic/mongo-java-driver@3.6.3 (file name)',
    'opt/app/lib/bson-3.6.3.jar bson@3.6.3 pkg:generic/bson@3.6.3 (file name)',
  ]);
});

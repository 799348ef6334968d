#!/usr/bin/env node
// Regenerates maven-pairs.tsv: Maven version pairs and the verdict of Maven's own
// org.apache.maven.artifact.versioning.ComparableVersion (Maven 3.8.7, Debian package "maven").
// Versions: the real ones found in ../shared/data (pom.properties, POMs, Maven advisories) plus the
// spellings of Maven's own ComparableVersion tests and common real-world forms.
// Run from the repository root: node src/versions/testdata/generate-maven-pairs.mjs [DATA_DIR] [JAR]
import { writeFileSync } from 'node:fs';
import { execSync, spawnSync } from 'node:child_process';

const data = process.argv[2] ?? '../shared/data';
const jar = process.argv[3] ?? '/usr/share/maven/lib/maven-artifact-3.x.jar';
const real = execSync(
  `cd ${data} && ( grep -rhoP '^version=\\K\\S+' --include=pom.properties . ; ` +
    `grep -rhoP '"(introduced|fixed|last_affected)": *"\\K[^"]+' $(grep -rl '"ecosystem": *"Maven"' advisories pkgdb) ; ` +
    `grep -rhoP '<version>\\K[^<$]+' --include='*.pom' --include='pom.xml' . ) 2>/dev/null | sort -u || true`,
  { encoding: 'utf8', shell: '/bin/bash' },
).split('\n').filter((v) => /^[A-Za-z0-9._-]+$/.test(v) && /\d/.test(v) && !/[.-]$/.test(v)); // "1." is a cut "1.${x}"
const spellings = [
  '1-alpha2snapshot', '1-alpha2', '1-alpha-123', '1-beta-2', '1-beta123', '1-m2', '1-m11', '1-rc', '1-cr2', '1-rc123',
  '1-SNAPSHOT', '1', '1-sp', '1-sp2', '1-sp123', '1-abc', '1-def', '1-pom-1', '1-1-snapshot', '1-1', '1-2', '1-123',
  '2.0', '2-1', '2.0.a', '2.0.0.a', '2.0.2', '2.0.123', '2.1.0', '2.1-a', '2.1b', '2.1-c', '2.1-1', '2.1.0.1', '2.2',
  '2.123', '11.a2', '11.a11', '11.b2', '11.b11', '11.m2', '11.m11', '11', '11.a', '11b', '11c', '11m',
  '1.0.0.Final', '5.4.2.Final', '2.0.0.RELEASE', '2.0.0.M1', '2.0.0.RC1', '1.0-M1', '1.0-alpha-1-SNAPSHOT', '1.0.0-rc.1',
  '31.1-jre', '31.1-android', '32.0.0-jre', '9.4.48.v20220622', '9.4.51.v20230217', '2.13.4.2', '2.13.4', '1.0.0-beta.11',
  '1.0.0-beta.2', '1.0-ga', '1.0-final', '1.0-release', '1.0.0-GA', '1.0-sp1', '1.0-cr1', '1.0-milestone-2', '1.0b1',
  '1.0a1', '1.0m1', '1.0.0.0', '1.0-0', '1.0-1', '2.17.1', '2.17.0-rc1', '2.0-beta9', '2.15.0', '3.0.0-M5', '3.0.0-M10',
  '1.12.261', '1.12.99', '4.1.86.Final', '4.1.100.Final', '20230227', '20090211', '1.0-20230101.123456-1', 'r09', '1.0-jdk8',
  '1.0.x', '1.0.0-SNAPSHOT', '1.0.1-SNAPSHOT', '6.0.0-alpha', '6.0.0-a1', '6.0.0-b1', '6.0.0-beta', '2.3.0.Beta1',
];
const all = [...new Set([...real, ...spellings])];
let seed = 20261125;
const rnd = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
const seq = [];
while (seq.length < 2501) seq.push(all[rnd(all.length)]);
const r = spawnSync('java', ['-cp', jar, 'org.apache.maven.artifact.versioning.ComparableVersion', ...seq], { encoding: 'utf8', maxBuffer: 1 << 26 });
if (r.status !== 0) throw new Error(r.stderr);
const verdicts = [...r.stdout.matchAll(/^ {3}(\S+) (<|==|>) (\S+)$/gm)].map((m) => `${m[1]}\t${m[3]}\t${m[2] === '<' ? -1 : m[2] === '>' ? 1 : 0}`);
if (verdicts.length !== seq.length - 1) throw new Error(`expected ${seq.length - 1} verdicts, got ${verdicts.length}`);
writeFileSync(new URL('./maven-pairs.tsv', import.meta.url), verdicts.join('\n') + '\n');
console.log(`${real.length} real versions + ${spellings.length} spellings, ${verdicts.length} pairs written`);

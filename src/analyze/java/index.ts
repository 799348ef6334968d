import type { Analyzer } from '../types.js';
import { langAnalyzer } from '../lang-common/index.js';
import { JAVA_ARCHIVE, parseJavaArchive } from './archive.js';
import { MAVEN_REPO_POM, readRepoPom } from './maven-repo.js';

const MB = 1024 * 1024;

export const javaAnalyzers: Analyzer[] = [
  // The walk holds a wanted file in memory; 512 MB covers the largest real fat jars we know of.
  langAnalyzer('java-archive', 2, (p, { size }) => size > 0 && size < 512 * MB && JAVA_ARCHIVE.test(p), parseJavaArchive, 'corrupt Java archive'),
  // Debian's maven-repo POMs: coordinates for the jars they describe (applied after the merge).
  langAnalyzer('java-maven-repo', 1, (p, { size }) => size < MB && MAVEN_REPO_POM.test(p), readRepoPom, 'unreadable maven-repo POM'),
];

export { parseJavaArchive };
export { parsePomProperties } from './pom-properties.js';
export { parseManifest } from './manifest.js';

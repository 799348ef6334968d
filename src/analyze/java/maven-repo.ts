import type { Package } from '../../core/types.js';
import type { AnalysisResult, AnalyzerInput } from '../types.js';
import { basename } from '../lang-common/index.js';
import { JAVA_ARCHIVE } from './archive.js';
import { mavenPackage, type MavenCoordinates } from './purl.js';

/**
 * Debian's Maven repository: /usr/share/maven-repo/<group path>/<artifact>/<version>/<artifact>-<version>.pom,
 * written by maven-repo-helper next to a link to the jar the package installs under /usr/share/java.
 * Jars Debian builds without Maven carry no pom.properties; this POM is then the only place their
 * coordinates are written down.
 */
export const MAVEN_REPO_POM = /^usr\/share\/maven-repo\/(?:[^/]+\/)+([^/]+)\/([^/]+)\/\1-\2\.pom$/;

export interface RepoPom extends MavenCoordinates {
  /** Path of the POM in the image. */
  path: string;
}

/** The project's own groupId/artifactId/version, the parent's group and version standing in when absent. */
export function parsePomXml(xml: string): MavenCoordinates | undefined {
  let s = xml.replace(/<!--[\s\S]*?-->/g, '');
  const parent = /<parent>([\s\S]*?)<\/parent>/.exec(s)?.[1] ?? '';
  // Only the project's own top-level elements: drop every block that nests coordinates of others.
  s = s.replace(/<parent>[\s\S]*?<\/parent>/, '');
  for (const block of ['dependencyManagement', 'dependencies', 'build', 'profiles', 'reporting', 'distributionManagement', 'pluginRepositories', 'repositories', 'modules', 'properties']) {
    s = s.replace(new RegExp(`<${block}>[\\s\\S]*?</${block}>`, 'g'), '');
  }
  const tag = (src: string, t: string) => new RegExp(`<${t}>\\s*([^<]*?)\\s*</${t}>`).exec(src)?.[1];
  const parentVersion = tag(parent, 'version');
  const subst = (v: string | undefined) => v?.replace(/\$\{(?:project\.)?parent\.version\}/g, parentVersion ?? '');
  const groupId = tag(s, 'groupId') ?? tag(parent, 'groupId');
  const artifactId = tag(s, 'artifactId');
  const version = subst(tag(s, 'version') ?? parentVersion);
  if (!groupId || !artifactId || !version || /\$\{/.test(groupId + version)) return undefined;
  return { groupId, artifactId, version };
}

/** The analyzer's side: each maven-repo POM's coordinates (no packages: the jars are the packages). */
export function readRepoPom(file: AnalyzerInput): AnalysisResult | undefined {
  // Debian also installs aliases of the same POM: version "debian" and "<major>.<minor>.x" (log4j 1.2.x).
  const dir = MAVEN_REPO_POM.exec(file.path)?.[2] ?? '';
  if (dir === 'debian' || dir.endsWith('.x')) return undefined;
  const c = parsePomXml(file.content.toString('utf8'));
  return c ? { mavenPoms: [{ path: file.path, ...c }] } : undefined;
}

/** Whether a jar's file name is this POM's artifact: "<a>-<v>.jar", "<a>.jar", or "<a>-<api version>-<v>.jar" (log4j-1.2-1.2.17). */
function nameMatches(jar: string, p: MavenCoordinates): number {
  const stem = jar.replace(JAVA_ARCHIVE, '');
  if (stem === `${p.artifactId}-${p.version}`) return 3;
  if (stem === p.artifactId) return 2;
  const mid = stem.startsWith(`${p.artifactId}-`) && stem.endsWith(`-${p.version}`) ? stem.slice(p.artifactId.length + 1, -p.version.length - 1) : undefined;
  return mid !== undefined && /^\d+(?:\.\d+)*$/.test(mid) ? 1 : 0;
}

/**
 * Second in the order of evidence (pom.properties, then this, then MANIFEST.MF, then the file name):
 * a jar with no pom.properties that a Debian package installed takes the coordinates of the
 * maven-repo POM the same package installed for it — same dpkg file list, the jar's name being
 * the POM's artifact.
 */
export function applyDebianPoms(packages: Package[], poms: RepoPom[], owners: Map<string, string>): Package[] {
  if (!poms.length || !owners.size) return packages;
  const byOwner = new Map<string, RepoPom[]>();
  for (const p of poms) {
    const o = owners.get(p.path);
    if (o) byOwner.set(o, [...(byOwner.get(o) ?? []), p]);
  }
  return packages.map((pkg) => {
    if (pkg.ecosystem !== 'Maven' || pkg.meta?.identifiedBy === 'pom.properties' || pkg.meta?.archive) return pkg;
    const loc = pkg.locations[0];
    const owner = loc ? owners.get(loc.path) : undefined;
    const candidates = owner ? byOwner.get(owner) ?? [] : [];
    const jar = basename(loc?.path ?? '');
    const best = candidates.map((p) => [nameMatches(jar, p), p] as const).filter(([n]) => n > 0).sort((a, b) => b[0] - a[0])[0]?.[1];
    if (!best) return pkg;
    const resolved = mavenPackage(best, { path: loc!.path, layer: loc!.layer }, { identifiedBy: 'maven-repo POM', pom: best.path }, pkg.licenses ?? []);
    return { ...resolved, locations: pkg.locations, ...(pkg.ownedBy ? { ownedBy: pkg.ownedBy } : {}) };
  });
}

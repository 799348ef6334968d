import type { Package, ScanWarning } from '../../core/types.js';
import type { AnalysisResult, AnalyzerInput } from '../types.js';
import { basename, warning } from '../lang-common/index.js';
import { parseManifest } from './manifest.js';
import { parsePomProperties } from './pom-properties.js';
import { mavenPackage, type MavenCoordinates } from './purl.js';
import { readZipEntries } from './zip.js';

/** Java archives: jar, war, ear, par, plus the container formats that wrap jars the same way. */
export const JAVA_ARCHIVE = /\.(jar|war|ear|par|sar|nar|kar|jpi|hpi|lpkg)$/i;
const POM_PROPERTIES = /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/;
/** Nested jars deeper than this are not opened (no real build nests that far; zip bombs do). */
const MAX_DEPTH = 6;
const MAX_NESTED = 512 * 1024 * 1024;
// A jar bomb (nested archives, each expanding hugely) stops here: bytes unpacked from one archive
// file, all levels together; and a manifest or pom.properties is small text (docs/limits.md).
const MAX_EXPANDED = 1024 * 1024 * 1024;
const MAX_METADATA = 1024 * 1024;

type How = 'pom.properties' | 'MANIFEST.MF' | 'file name';

/**
 * A Java archive and every archive nested in it (fat/uber jars, Spring Boot BOOT-INF/lib, WEB-INF/lib,
 * ear modules), each identified by its META-INF/maven/**\/pom.properties (all of them: shaded jars carry
 * their dependencies' too), else by MANIFEST.MF, else by its file name. Every package's location is the
 * archive file on disk; `meta.archive` is the path inside it ("BOOT-INF/lib/x.jar", "a.war!/WEB-INF/lib/y.jar").
 * A corrupt nested archive is skipped with a warning; its siblings are still read.
 */
export async function parseJavaArchive(file: AnalyzerInput): Promise<AnalysisResult> {
  const packages: Package[] = [];
  const warnings: ScanWarning[] = [];
  budgets.set(file, MAX_EXPANDED);
  try {
    await walk(file.content, basename(file.path), [], file, packages, warnings);
  } finally {
    budgets.delete(file);
  }
  return { packages, warnings: warnings.length ? warnings : undefined };
}

const budgets = new WeakMap<AnalyzerInput, number>();

async function walk(buf: Buffer, name: string, chain: string[], file: AnalyzerInput, out: Package[], warnings: ScanWarning[]): Promise<void> {
  const spend = (size: number) => {
    const left = budgets.get(file) ?? 0;
    if (size > left) {
      if (left > 0) warnings.push({ what: `java archive: ${[...chain, name].join('!/')}: stopped unpacking nested archives after ${MAX_EXPANDED} bytes (limit)`, where: file.path });
      budgets.set(file, 0);
      return false;
    }
    budgets.set(file, left - size);
    return true;
  };
  const entries = await readZipEntries(
    buf,
    (n, size) =>
      ((POM_PROPERTIES.test(n) || n.toUpperCase() === 'META-INF/MANIFEST.MF') && size <= MAX_METADATA && spend(size)) ||
      (chain.length < MAX_DEPTH && JAVA_ARCHIVE.test(n) && size <= MAX_NESTED && spend(size)),
  );
  const found: [MavenCoordinates, How, string[]][] = [];
  for (const [n, body] of [...entries].sort(([a], [b]) => a.localeCompare(b))) {
    if (!POM_PROPERTIES.test(n)) continue;
    const c = parsePomProperties(body.toString('utf8'));
    if (c) found.push([c, 'pom.properties', []]);
  }
  const manifestBody = [...entries].find(([n]) => n.toUpperCase() === 'META-INF/MANIFEST.MF')?.[1];
  const manifest = manifestBody ? parseManifest(manifestBody.toString('utf8')) : undefined;
  const licenses = manifestLicenses(manifest);
  if (manifest) {
    // With pom.properties present they win; the manifest still names the jar itself when none of them
    // does (Debian's guice.jar carries only its shaded cglib's pom.properties).
    const c = fromManifest(manifest, name);
    // Compared without separators: Debian renames "geronimo-annotation_1.3_spec" to "geronimo-annotation-1.3-spec.jar".
    const flat = (x: string) => x.toLowerCase().replace(/[-_.]/g, '');
    const stem = flat(name.replace(JAVA_ARCHIVE, ''));
    if (c && !found.some(([f]) => f.artifactId === c.artifactId || stem.startsWith(flat(f.artifactId)))) found.push([c, 'MANIFEST.MF', licenses]);
  }
  if (!found.length) {
    const c = fromFileName(name);
    if (c) found.push([c, 'file name', []]);
  }
  const seen = new Set<string>();
  for (const [c, how, lic] of found) {
    const key = `${c.groupId}:${c.artifactId}@${c.version}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(mavenPackage(c, file, { identifiedBy: how, ...(chain.length ? { archive: chain.join('!/') } : {}) }, lic));
  }
  for (const [n, body] of [...entries].sort(([a], [b]) => a.localeCompare(b))) {
    if (!JAVA_ARCHIVE.test(n)) continue;
    try {
      await walk(body, basename(n), [...chain, n], file, out, warnings);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      warnings.push(warning(`corrupt nested Java archive: ${msg}`, `${file.path}!/${[...chain, n].join('!/')}`));
    }
  }
}

/** "jackson-core-2.9.10.jar" → jackson-core 2.9.10: the version starts at the first "-<digit>". */
export function fromFileName(name: string): MavenCoordinates | undefined {
  const stem = name.replace(JAVA_ARCHIVE, '');
  const m = /^(.+?)-(\d[^/]*)$/.exec(stem);
  if (!m) return undefined;
  return { groupId: '', artifactId: m[1], version: m[2] };
}

/**
 * MANIFEST.MF identity. Version: Implementation-Version, Bundle-Version, Specification-Version.
 * Artifact: the file name's, else a title without spaces. Group: Implementation-Vendor-Id, else the
 * OSGi Bundle-SymbolicName when it is "<group>.<artifact>". Jenkins plugins say Group-Id/Short-Name.
 */
export function fromManifest(m: Map<string, string>, fileName: string): MavenCoordinates | undefined {
  if (m.get('Short-Name') && m.get('Plugin-Version') && m.get('Group-Id')) {
    return { groupId: m.get('Group-Id')!, artifactId: m.get('Short-Name')!, version: m.get('Plugin-Version')!.split(' ')[0] };
  }
  const byName = fromFileName(fileName);
  const version = m.get('Implementation-Version') || m.get('Bundle-Version') || m.get('Specification-Version');
  const bsn = m.get('Bundle-SymbolicName')?.split(';')[0].trim();
  const title = [m.get('Implementation-Title'), m.get('Specification-Title'), m.get('Bundle-Name')].find((t) => t && !/\s/.test(t));
  const fromBsn = !byName?.artifactId && !title;
  const artifactId = byName?.artifactId || title || (bsn ? bsn.slice(bsn.lastIndexOf('.') + 1) : undefined);
  if (!artifactId || !version) return undefined;
  let groupId = m.get('Implementation-Vendor-Id') ?? '';
  if (/\s/.test(groupId) || !groupId.includes('.')) groupId = '';
  // "<group>.<artifact>" symbolic names give the group — unless the artifact was read from that very name.
  if (!groupId && !fromBsn && bsn && bsn.endsWith(`.${artifactId}`)) groupId = bsn.slice(0, -artifactId.length - 1);
  // Eclipse/OSGi-style file names are "<group>.<artifact>-<version>.jar": keep the artifact part only.
  let artifact = artifactId;
  if (groupId && artifact.startsWith(`${groupId}.`)) artifact = artifact.slice(groupId.length + 1);
  return { groupId, artifactId: artifact, version };
}

function manifestLicenses(m: Map<string, string> | undefined): string[] {
  const l = m?.get('Bundle-License');
  return l ? l.split(/,(?![^"]*"[^,]*$)/).map((s) => s.split(';')[0].trim()).filter(Boolean) : [];
}

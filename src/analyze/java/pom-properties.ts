import type { MavenCoordinates } from './purl.js';

/** Java .properties as Maven writes pom.properties: `key=value` or `key: value`, `#`/`!` comments. */
export function parseProperties(src: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of src.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#') || line.startsWith('!')) continue;
    const m = /^([^=:\s]+)\s*[=:]\s*(.*)$/.exec(line);
    if (m) out.set(m[1], m[2].trim());
  }
  return out;
}

/** groupId, artifactId and version from META-INF/maven/<g>/<a>/pom.properties; undefined if one is missing. */
export function parsePomProperties(src: string): MavenCoordinates | undefined {
  const p = parseProperties(src);
  const groupId = p.get('groupId');
  const artifactId = p.get('artifactId');
  const version = p.get('version');
  if (!groupId || !artifactId || !version) return undefined;
  return { groupId, artifactId, version };
}

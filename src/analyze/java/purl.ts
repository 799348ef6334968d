import type { Package } from '../../core/types.js';
import { langPackage } from '../lang-common/index.js';

export interface MavenCoordinates {
  groupId: string;
  artifactId: string;
  version: string;
}

/**
 * A Maven package: name "groupId:artifactId" (OSV's Maven naming), PURL pkg:maven/group/artifact@version.
 * When the group is unknown (a jar identified by its file name alone) the name is the artifactId and,
 * as a Maven PURL requires a namespace, the PURL is pkg:generic/<artifact>@<version>: it names the file
 * without claiming coordinates nobody wrote down.
 */
export function mavenPackage(
  c: MavenCoordinates,
  file: { path: string; layer?: string },
  meta: Record<string, unknown>,
  licenses: string[] = [],
): Package {
  return langPackage(
    {
      ecosystem: 'Maven',
      purlType: c.groupId ? 'maven' : 'generic',
      name: c.groupId ? `${c.groupId}:${c.artifactId}` : c.artifactId,
      purlNamespace: c.groupId || undefined,
      purlName: c.artifactId,
      version: c.version,
      licenses,
      meta: { groupId: c.groupId || undefined, artifactId: c.artifactId, ...meta },
    },
    file,
  );
}

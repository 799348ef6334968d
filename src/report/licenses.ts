/**
 * Licence identifiers common in OS and language packages that are exact SPDX license-list ids.
 * Writers emit these as SPDX ids (CycloneDX `license.id`, SPDX `licenseDeclared`); anything else is
 * kept as a name (CycloneDX) or a LicenseRef (SPDX). The report test checks every entry against the
 * SPDX id list in the official CycloneDX schema.
 */
export const SPDX_IDS = new Set([
  '0BSD', 'AFL-2.1', 'AGPL-3.0-only', 'AGPL-3.0-or-later', 'Apache-1.1', 'Apache-2.0', 'Artistic-1.0',
  'Artistic-1.0-Perl', 'Artistic-2.0', 'BSD-1-Clause', 'BSD-2-Clause', 'BSD-3-Clause', 'BSD-4-Clause',
  'BSL-1.0', 'CC-BY-3.0', 'CC-BY-4.0', 'CC-BY-SA-4.0', 'CC0-1.0', 'CDDL-1.0', 'CDDL-1.1', 'EPL-1.0', 'EPL-2.0',
  'GFDL-1.3-only', 'GFDL-1.3-or-later', 'GPL-1.0-or-later', 'GPL-2.0-only', 'GPL-2.0-or-later', 'GPL-3.0-only',
  'GPL-3.0-or-later', 'ISC', 'LGPL-2.0-only', 'LGPL-2.0-or-later', 'LGPL-2.1-only', 'LGPL-2.1-or-later',
  'LGPL-3.0-only', 'LGPL-3.0-or-later', 'MIT', 'MIT-0', 'MPL-1.1', 'MPL-2.0', 'OpenSSL', 'PHP-3.01', 'PSF-2.0',
  'Python-2.0', 'Ruby', 'Unicode-DFS-2016', 'Unlicense', 'Vim', 'W3C', 'WTFPL', 'X11', 'Zlib', 'curl', 'libpng-2.0',
]);

const BY_LOWER = new Map([...SPDX_IDS].map((id) => [id.toLowerCase(), id]));

/** The SPDX id for a licence string when it is exactly one (case-insensitive), else undefined. */
export function spdxId(license: string): string | undefined {
  return BY_LOWER.get(license.trim().toLowerCase());
}

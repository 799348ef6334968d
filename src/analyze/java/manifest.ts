/**
 * META-INF/MANIFEST.MF main section: `Name: value` lines, values continued on lines that start with
 * one space (72-byte wrapping), sections separated by blank lines. Only the main section is read.
 */
export function parseManifest(src: string): Map<string, string> {
  const out = new Map<string, string>();
  let last: string | undefined;
  for (const line of src.split(/\r?\n/)) {
    if (line === '') {
      if (out.size) break;
      continue;
    }
    if (line.startsWith(' ')) {
      if (last) out.set(last, out.get(last)! + line.slice(1));
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    last = line.slice(0, colon).trim();
    out.set(last, line.slice(colon + 1).trim());
  }
  return out;
}

/**
 * dpkg's status file (deb822 paragraphs, `Field: value`, continuation lines start with a space,
 * paragraphs separated by a blank line), read in one linear pass: we look only at the first
 * characters of each line and slice out the few fields we keep, so a 10 MB status file costs one
 * scan and no regular expressions.
 */
export interface DpkgEntry {
  package: string;
  version: string;
  architecture?: string;
  /** The Source: field as written: "pam" or "pam (1.5.2-6)". */
  source?: string;
  status?: string;
  /** 1-based line of the Package: field. */
  line: number;
}

const WANTED = ['Package', 'Version', 'Architecture', 'Source', 'Status'] as const;
type Wanted = (typeof WANTED)[number];

export function parseDpkgStatus(text: string): DpkgEntry[] {
  const out: DpkgEntry[] = [];
  let cur: Partial<Record<Wanted, string>> = {};
  let curLine = 0;
  let lineNo = 0;
  let pos = 0;
  const n = text.length;
  const flush = () => {
    if (cur.Package) {
      out.push({
        package: cur.Package,
        version: cur.Version ?? '',
        architecture: cur.Architecture,
        source: cur.Source,
        status: cur.Status,
        line: curLine,
      });
    }
    cur = {};
  };
  while (pos <= n) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = n;
    lineNo++;
    let lineEnd = end;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--; // CRLF
    const c = text.charCodeAt(pos);
    if (lineEnd === pos) {
      flush();
    } else if (c !== 32 && c !== 9) {
      // Field line. Continuation lines (space/tab) belong to fields we do not keep.
      const colon = text.indexOf(':', pos);
      if (colon !== -1 && colon < lineEnd) {
        const key = text.slice(pos, colon);
        if ((WANTED as readonly string[]).includes(key)) {
          if (key === 'Package' && cur.Package !== undefined) flush(); // missing blank line
          const value = text.slice(colon + 1, lineEnd).trim();
          cur[key as Wanted] = value;
          if (key === 'Package') curLine = lineNo;
        }
      }
    }
    pos = end + 1;
  }
  flush();
  return out;
}

/** dpkg states in which the package's files are (at least partly) on disk. */
const PRESENT_STATES = new Set(['installed', 'half-installed', 'unpacked', 'half-configured', 'triggers-awaited', 'triggers-pending']);

/** "install ok installed" → present; "deinstall ok config-files" → only conffiles left. No Status (distroless) → present. */
export function isInstalled(status: string | undefined): boolean {
  if (status === undefined) return true;
  const words = status.split(/\s+/);
  return PRESENT_STATES.has(words[words.length - 1]);
}

/** "pam (1.5.2-6)" → {pam, 1.5.2-6}; "pam" → {pam, binary version}. */
export function parseSourceField(source: string | undefined, binaryName: string, binaryVersion: string): { name: string; version: string } {
  if (!source) return { name: binaryName, version: binaryVersion };
  const open = source.indexOf('(');
  if (open === -1) return { name: source.trim(), version: binaryVersion };
  const close = source.indexOf(')', open);
  return { name: source.slice(0, open).trim(), version: source.slice(open + 1, close === -1 ? undefined : close).trim() };
}

export function dpkgEpoch(version: string): number | undefined {
  const i = version.indexOf(':');
  if (i <= 0) return undefined;
  const e = Number(version.slice(0, i));
  return Number.isInteger(e) ? e : undefined;
}

/**
 * dpkg's own rule (deb-version(7)): optional numeric epoch and colon, then only alphanumerics and
 * . + - ~ (and colons after an epoch). dpkg refuses the paragraph otherwise, and so do we.
 */
export function isValidDpkgVersion(version: string): boolean {
  let start = 0;
  const colon = version.indexOf(':');
  if (colon !== -1) {
    if (colon === 0) return false;
    for (let i = 0; i < colon; i++) {
      const c = version.charCodeAt(i);
      if (c < 48 || c > 57) return false;
    }
    start = colon + 1;
  }
  if (start >= version.length) return false;
  for (let i = start; i < version.length; i++) {
    const c = version.charCodeAt(i);
    const ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 43 || c === 45 || c === 126 || c === 58;
    if (!ok) return false;
  }
  return true;
}

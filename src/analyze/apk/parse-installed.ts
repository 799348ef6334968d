/**
 * apk's installed database (lib/apk/db/installed): one `X:value` line per field, a blank line
 * between packages. P name, V version, A arch, o origin (the source package), L licence,
 * F a directory, R a file inside the last F. Read in one linear pass, no regular expressions.
 */
export interface ApkEntry {
  name: string;
  version: string;
  arch?: string;
  origin?: string;
  license?: string;
  /** Files (R entries joined to their F directory), relative, no leading slash. */
  files: string[];
  /** 1-based line of the entry's first line. */
  line: number;
}

export function parseApkInstalled(text: string): { entries: ApkEntry[]; badLines: number[] } {
  const out: ApkEntry[] = [];
  const badLines: number[] = [];
  let cur: ApkEntry | undefined;
  let dir = '';
  let lineNo = 0;
  let pos = 0;
  const n = text.length;
  const flush = () => {
    if (cur && cur.name) out.push(cur);
    cur = undefined;
    dir = '';
  };
  while (pos <= n) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = n;
    lineNo++;
    let lineEnd = end;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    if (lineEnd === pos) {
      flush();
    } else if (lineEnd - pos >= 2 && text.charCodeAt(pos + 1) === 58 /* ':' */) {
      const key = text[pos];
      const value = text.slice(pos + 2, lineEnd);
      if (!cur) cur = { name: '', version: '', files: [], line: lineNo };
      switch (key) {
        case 'P':
          if (cur.name) {
            flush();
            cur = { name: '', version: '', files: [], line: lineNo };
          }
          cur!.name = value;
          break;
        case 'V':
          cur.version = value;
          break;
        case 'A':
          cur.arch = value;
          break;
        case 'o':
          cur.origin = value;
          break;
        case 'L':
          cur.license = value;
          break;
        case 'F':
          dir = value;
          break;
        case 'R':
          cur.files.push(dir ? `${dir}/${value}` : value);
          break;
      }
    } else {
      badLines.push(lineNo);
    }
    pos = end + 1;
  }
  flush();
  return { entries: out, badLines };
}

import { readFileSync } from 'node:fs';
import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { configError } from '../core/index.js';

/** A parsed YAML (or JSON: YAML is a superset) document that can say on which line a value sits. */
export interface SourceDoc {
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
  value: unknown;
}

/** Reads and parses `file`; syntax errors become a config error naming file:line. */
export function readSource(file: string, what: string): SourceDoc {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw configError(`cannot read ${what}${code === 'ENOENT' ? ' (no such file)' : code ? ` (${code})` : ''}`, file, e);
  }
  return parseSource(text, file, what);
}

export function parseSource(text: string, file: string, what: string): SourceDoc {
  const lines = new LineCounter();
  if (/^\s*[{[]/.test(text)) checkJson(text, file, what);
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0]?.line ?? lines.linePos(err.pos[0]).line;
    const msg = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw configError(`invalid ${what}: ${msg}`, `${file}:${line}`);
  }
  return { file, doc, lines, value: doc.toJS({ maxAliasCount: 100 }) };
}

/** The line of the value at `path` (or of its key; or of the nearest ancestor when it is absent). */
export function lineOf(src: SourceDoc, path: readonly PropertyKey[]): number {
  let node: unknown = src.doc.contents;
  let offset: number | undefined = (node as { range?: number[] } | null)?.range?.[0];
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) break;
      offset = (pair.key as { range?: number[] }).range?.[0] ?? offset;
      node = pair.value;
      const r = (node as { range?: number[] } | null)?.range;
      if (r && !(isMap(node) || isSeq(node))) offset = r[0];
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
      node = node.items[seg];
      offset = (node as { range?: number[] }).range?.[0] ?? offset;
    } else break;
  }
  return offset === undefined ? 1 : src.lines.linePos(offset).line;
}

export function pathText(path: readonly PropertyKey[]): string {
  return path.reduce<string>((s, seg) => (typeof seg === 'number' ? `${s}[${seg}]` : s ? `${s}.${String(seg)}` : String(seg)), '');
}

/** Validates with zod; the first issue becomes "invalid <what>: <path>: <message>" at file:line. */
export function validate<T extends z.ZodType>(src: SourceDoc, schema: T, what: string): z.infer<T> {
  const r = schema.safeParse(src.value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  let path: PropertyKey[] = [...issue.path];
  let message = issue.message;
  if (issue.code === 'unrecognized_keys') {
    const key = (issue as { keys: string[] }).keys[0];
    path = [...path, key];
    message = `unknown key "${key}"`;
  }
  const where = pathText(path);
  throw configError(`invalid ${what}: ${where ? `${where}: ` : ''}${message}`, `${src.file}:${lineOf(src, path)}`);
}

/** JSON syntax errors are reported by JSON's own parser (YAML's view of broken JSON misleads). */
function checkJson(text: string, file: string, what: string): void {
  try {
    JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const lineCol = /line (\d+) column \d+/.exec(msg);
    const line = lineCol ? Number(lineCol[1]) : pos ? text.slice(0, Number(pos[1])).split('\n').length : text.split('\n').length;
    const clean = msg.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+.*$/, '').replace(/^Unexpected end of JSON input$/, 'unexpected end of the document');
    throw configError(`invalid ${what}: ${clean}`, `${file}:${line}`);
  }
}

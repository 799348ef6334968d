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
  /** JSON documents: the line of a value in the top two levels without building the YAML tree. */
  shallowLine?: (path: readonly PropertyKey[]) => number | undefined;
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
  // JSON (VEX files of 150k statements are JSON): JSON.parse for the value, the YAML tree (slow,
  // ~60x the text in memory) only if a line deeper than the top two levels is ever asked for.
  if (/^\s*[{[]/.test(text)) return jsonSource(text, file, what, checkJson(text, file, what));
  const lines = new LineCounter();
  const doc = parseYaml(text, lines, file, what);
  return { file, doc, lines, value: toJS(doc, lines, file, what) };
}

function parseYaml(text: string, lines: LineCounter, file: string, what: string): Document.Parsed {
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0]?.line ?? lines.linePos(err.pos[0]).line;
    const msg = err.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
    throw configError(`invalid ${what}: ${msg}`, `${file}:${line}`);
  }
  return doc;
}

// Aliases expand on conversion: an alias bomb (a billion laughs) is refused here, as a config error.
function toJS(doc: Document.Parsed, lines: LineCounter, file: string, what: string): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    if (!/alias/i.test((e as Error).message)) throw e;
    throw configError(`invalid ${what}: too many YAML alias expansions (more than 100; an alias bomb?)`, `${file}:${lines.linePos(doc.contents?.range?.[0] ?? 0).line}`);
  }
}

function jsonSource(text: string, file: string, what: string, value: unknown): SourceDoc {
  let tree: { doc: Document.Parsed; lines: LineCounter } | undefined;
  const yaml = () => {
    if (!tree) {
      const lines = new LineCounter();
      tree = { doc: parseYaml(text, lines, file, what), lines };
    }
    return tree;
  };
  return {
    file,
    value,
    get doc() {
      return yaml().doc;
    },
    get lines() {
      return yaml().lines;
    },
    shallowLine: shallowLines(text),
  };
}

/**
 * Lines of the values in the top two levels of a JSON document (`statements[i]`, `vulnerabilities[i]`),
 * found in one pass over the text: what a VEX file needs for every statement, without a YAML tree.
 */
function shallowLines(text: string): (path: readonly PropertyKey[]) => number | undefined {
  const at = new Map<string, number>();
  let line = 1;
  const stack: { array: boolean; index: number; key?: string; path: string }[] = [];
  let pendingKey: string | undefined;
  let i = 0;
  const mark = () => {
    const top = stack[stack.length - 1];
    if (!top || stack.length > 2) return;
    const seg = top.array ? String(top.index) : pendingKey ?? '';
    at.set(top.path ? `${top.path}\0${seg}` : seg, line);
  };
  const open = (array: boolean) => {
    const top = stack[stack.length - 1];
    const seg = !top ? '' : top.array ? String(top.index) : pendingKey ?? '';
    const path = !top ? '' : top.path ? `${top.path}\0${seg}` : seg;
    stack.push({ array, index: 0, path });
    pendingKey = undefined;
  };
  let expectValue = true;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 34) {
      const start = i;
      i++;
      while (i < text.length && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
      const top = stack[stack.length - 1];
      if (top && !top.array && !expectValue) {
        pendingKey = JSON.parse(text.slice(start, i + 1)) as string;
      } else {
        mark();
        expectValue = false;
      }
    } else if (c === 58) expectValue = true; // ':'
    else if (c === 44) {
      const top = stack[stack.length - 1];
      if (top?.array) top.index++;
      expectValue = !!top?.array;
    } else if (c === 123 || c === 91) {
      if (stack.length) mark();
      open(c === 91);
      expectValue = c === 91;
    } else if (c === 125 || c === 93) {
      stack.pop();
      expectValue = false;
    } else if (c > 32 && expectValue && stack.length) {
      mark();
      expectValue = false;
    }
    i++;
  }
  return (path) => (path.length >= 1 && path.length <= 2 ? at.get(path.map(String).join('\0')) : undefined);
}

/** The line of the value at `path` (or of its key; or of the nearest ancestor when it is absent). */
export function lineOf(src: SourceDoc, path: readonly PropertyKey[]): number {
  const quick = src.shallowLine?.(path);
  if (quick !== undefined) return quick;
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
function checkJson(text: string, file: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const pos = /position (\d+)/.exec(msg);
    const lineCol = /line (\d+) column \d+/.exec(msg);
    const line = lineCol ? Number(lineCol[1]) : pos ? text.slice(0, Number(pos[1])).split('\n').length : text.split('\n').length;
    const clean = msg.replace(/\s*\(line \d+ column \d+\)/, '').replace(/ in JSON at position \d+.*$/, '').replace(/^Unexpected end of JSON input$/, 'unexpected end of the document');
    throw configError(`invalid ${what}: ${clean}`, `${file}:${line}`);
  }
}

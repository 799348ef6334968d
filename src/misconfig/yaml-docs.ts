import { LineCounter, parseAllDocuments, isMap, isSeq, isScalar, isPair, type Document, type Node } from 'yaml';
import type { ScanWarning } from '../core/types.js';

/** One YAML document with its JS value and a way back to exact line numbers. */
export interface YamlDoc {
  value: unknown;
  /** 1-based line where the document's root starts. */
  line: number;
  endLine: number;
  /** Line of the deepest node along `path` that exists (the key's line for map entries). */
  lineOf(path: (string | number)[]): number;
}

/**
 * Parses multi-document YAML with the `yaml` package's source positions. A document with a syntax
 * error becomes a warning naming file:line; the other documents are still returned.
 */
export function parseYamlDocs(text: string, path: string): { docs: YamlDoc[]; warnings: ScanWarning[] } {
  const lc = new LineCounter();
  const warnings: ScanWarning[] = [];
  const docs: YamlDoc[] = [];
  let all: Document.Parsed[];
  try {
    all = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false, prettyErrors: false, logLevel: 'error' }) as Document.Parsed[];
  } catch (e) {
    return { docs, warnings: [{ what: `malformed YAML (${(e as Error).message.split('\n')[0]})`, where: path, notChecked: 'file' }] };
  }
  if (!Array.isArray(all)) all = [all as unknown as Document.Parsed];
  const lineAt = (offset: number) => lc.linePos(offset).line;
  // Only needed for errors; trimEnd (not a /\s+$/ regex) keeps it linear on big files.
  const lastLineOf = () => { const t = text.trimEnd(); let n = 1; for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) === 10) n++; return n; };
  for (const doc of all) {
    if (doc.errors.length) {
      const err = doc.errors[0];
      // Errors found at end of input (an unclosed bracket or quote) point past the last line; name the last real line.
      const line = Math.min(err.linePos?.[0]?.line ?? lineAt(err.pos[0]), lastLineOf());
      warnings.push({ what: `malformed YAML: ${err.message.split('\n')[0]}`, where: `${path}:${line}`, notChecked: 'file' });
      continue;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: 1000 });
    } catch (e) {
      const line = doc.contents?.range ? lineAt(doc.contents.range[0]) : 1;
      warnings.push({ what: `malformed YAML: ${(e as Error).message.split('\n')[0]}`, where: `${path}:${line}`, notChecked: 'file' });
      continue;
    }
    if (value === null || value === undefined) continue;
    const root = doc.contents as Node | null;
    const startLine = root?.range ? lineAt(root.range[0]) : 1;
    const endLine = root?.range ? lineAt(Math.max(root.range[0], root.range[1] - 1)) : startLine;
    docs.push({
      value,
      line: startLine,
      endLine,
      lineOf(p) {
        let node: unknown = root;
        let line = startLine;
        for (const seg of p) {
          if (isMap(node)) {
            const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(seg));
            if (!pair) break;
            const k = pair.key as Node;
            if (k.range) line = lineAt(k.range[0]);
            node = pair.value;
          } else if (isSeq(node) && typeof seg === 'number') {
            const item = node.items[seg] as Node | undefined;
            if (!item) break;
            if (item.range) line = lineAt(item.range[0]);
            node = item;
          } else break;
        }
        return line;
      },
    });
  }
  return { docs, warnings };
}

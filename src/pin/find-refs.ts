import { DockerfileParser } from 'dockerfile-ast';
import { isMap, isScalar, isSeq, parseAllDocuments, type Node as YamlNode } from 'yaml';
import { configError } from '../core/errors.js';

/** An image reference as written in a file, with its exact byte range (for in-place rewriting). */
export interface FoundRef {
  ref: string;
  start: number;
  end: number;
  line: number;
}

export type PinFileKind = 'dockerfile' | 'yaml';

export function kindOf(path: string): PinFileKind | undefined {
  const base = path.split('/').pop()!.toLowerCase();
  if (base === 'dockerfile' || base.startsWith('dockerfile.') || base.endsWith('.dockerfile') || base === 'containerfile') return 'dockerfile';
  if (base.endsWith('.yaml') || base.endsWith('.yml')) return 'yaml';
  return undefined;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

const lineOf = (starts: number[], offset: number) => {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
};

/** FROM lines, minus `scratch`, earlier build stages and references built from ARGs. */
function dockerfileRefs(text: string): FoundRef[] {
  const starts = lineStarts(text);
  const df = DockerfileParser.parse(text);
  const stages = new Set<string>();
  const out: FoundRef[] = [];
  for (const from of df.getFROMs()) {
    const image = from.getImage();
    const range = from.getImageRange();
    const stage = from.getBuildStage();
    if (image && range && image !== 'scratch' && !image.includes('$') && !stages.has(image.toLowerCase())) {
      const start = starts[range.start.line] + range.start.character;
      const end = starts[range.end.line] + range.end.character;
      out.push({ ref: text.slice(start, end), start, end, line: range.start.line + 1 });
    }
    if (stage) stages.add(stage.toLowerCase());
  }
  return out;
}

/**
 * Every `image:` scalar in every YAML document: Kubernetes containers (any workload or CRD pod
 * template) and compose services alike. Quotes are kept out of the range.
 */
function yamlRefs(text: string, path: string): FoundRef[] {
  const starts = lineStarts(text);
  const out: FoundRef[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) {
      const e = doc.errors[0];
      throw configError(`invalid YAML: ${e.message.split('\n')[0]}`, `${path}:${e.linePos?.[0]?.line ?? '?'}`);
    }
    const walk = (n: YamlNode | null | undefined): void => {
      if (!n) return;
      if (isMap(n)) {
        for (const pair of n.items) {
          const k = pair.key;
          const v = pair.value as YamlNode | null;
          if (isScalar(k) && k.value === 'image' && isScalar(v) && typeof v.value === 'string' && v.range) {
            const raw = text.slice(v.range[0], v.range[1]);
            const q = raw[0] === '"' || raw[0] === "'" ? 1 : 0;
            const ref = v.value;
            if (ref && !ref.includes('$') && !ref.includes('{{')) out.push({ ref, start: v.range[0] + q, end: v.range[1] - q, line: lineOf(starts, v.range[0]) });
          } else walk(v);
        }
      } else if (isSeq(n)) for (const item of n.items) walk(item as YamlNode);
    };
    walk(doc.contents as YamlNode);
  }
  return out;
}

export function findImageRefs(path: string, text: string, kind = kindOf(path)): FoundRef[] {
  if (kind === 'dockerfile') return dockerfileRefs(text);
  if (kind === 'yaml') return yamlRefs(text, path);
  return [];
}

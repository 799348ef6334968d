import type { RuleOptions } from '../types.js';
import { DockerfileParser, type Instruction } from 'dockerfile-ast';
import type { ScanWarning } from '../../core/types.js';

/** One instruction, with continuation lines joined, flags split off and 1-based lines. */
export interface DfInstruction {
  keyword: string;
  /** Arguments after flags, continuation lines joined (heredoc bodies included as written). */
  args: string;
  flags: Record<string, string | null>;
  line: number;
  endLine: number;
  stage: number;
  /** For RUN: the shell script it runs (heredoc bodies run by the shell included). */
  script?: string;
  /** For JSON (exec) form of RUN/CMD/ENTRYPOINT/SHELL: the array, else undefined. */
  json?: string[];
  /** Every --mount= value (RUN may have several). */
  mounts: string[];
  /** A trigger inside ONBUILD (`ONBUILD RUN …` is checked as a RUN). */
  onbuild?: boolean;
}

export interface DfStage {
  index: number;
  name?: string;
  image: string;
  tag?: string;
  digest?: string;
  platform?: string;
  line: number;
  instructions: DfInstruction[];
  /** Instructions with no FROM before them (a snippet): checked as an unnamed stage. */
  implicit?: boolean;
}

export interface DockerfileCtx {
  path: string;
  lines: string[];
  instructions: DfInstruction[];
  stages: DfStage[];
  /** Global ARG names declared before the first FROM. */
  globalArgs: string[];
  /** The user's rule options (set by scanDockerfile). */
  options?: RuleOptions;
}

/**
 * Builds the model the rules read from dockerfile-ast's tree (BuildKit heredocs and multi-stage
 * builds included). A file with no FROM or an unknown instruction yields a warning with file:line.
 */
export function parseDockerfile(text: string, path: string): { ctx: DockerfileCtx; warnings: ScanWarning[] } {
  const warnings: ScanWarning[] = [];
  const df = DockerfileParser.parse(text);
  const lines = text.split(/\r?\n/);
  const instructions: DfInstruction[] = [];
  const stages: DfStage[] = [];
  const globalArgs: string[] = [];
  let stage = -1;
  for (const ins of df.getInstructions()) {
    const keyword = ins.getKeyword().toUpperCase();
    const line = ins.getRange().start.line + 1;
    const endLine = ins.getRange().end.line + 1;
    if (!KNOWN.has(keyword)) {
      warnings.push({ what: `malformed Dockerfile: unknown instruction "${ins.getKeyword()}"`, where: `${path}:${line}`, notChecked: 'file' });
      continue;
    }
    const flags: Record<string, string | null> = {};
    const mounts: string[] = [];
    const getFlags = (ins as unknown as { getFlags?: () => { getName(): string; getValue(): string | null }[] }).getFlags;
    if (getFlags) for (const f of getFlags.call(ins)) {
      flags[f.getName().toLowerCase()] = f.getValue();
      if (f.getName().toLowerCase() === 'mount') mounts.push(f.getValue() ?? '');
    }
    let args = (ins.getArgumentsContent() ?? '').trim();
    let kw = keyword;
    let onbuild = false;
    // ONBUILD RUN … is a RUN for every image built FROM this one: check the trigger as that instruction.
    if (keyword === 'ONBUILD') {
      const m = /^([A-Za-z]+)\s+([\s\S]*)$/.exec(args);
      if (m && KNOWN.has(m[1].toUpperCase()) && !['ONBUILD', 'FROM', 'MAINTAINER'].includes(m[1].toUpperCase())) {
        kw = m[1].toUpperCase();
        args = m[2].trim();
        onbuild = true;
        while (/^--[\w-]+(=\S*)?\s/.test(args)) {
          const f = /^--([\w-]+)(?:=(\S*))?\s+/.exec(args)!;
          flags[f[1].toLowerCase()] = f[2] ?? null;
          if (f[1].toLowerCase() === 'mount') mounts.push(f[2] ?? '');
          args = args.slice(f[0].length);
        }
      }
    }
    if (keyword === 'FROM') {
      stage++;
      const m = /^(\S+)(?:\s+as\s+(\S+))?/i.exec(args);
      const ref = m?.[1] ?? '';
      const { image, tag, digest } = splitImageRef(ref);
      stages.push({ index: stage, name: m?.[2]?.toLowerCase(), image, tag, digest, platform: flags.platform ?? undefined, line, instructions: [] });
    } else if (stage < 0) {
      if (keyword === 'ARG') globalArgs.push(args.split('=')[0].trim());
      else {
        // A snippet without FROM (pasted RUN lines, a partial file): still checked, as an unnamed stage.
        stage = 0;
        stages.push({ index: 0, image: '', line, instructions: [], implicit: true });
      }
    }
    const di: DfInstruction = { keyword: kw, args, flags, mounts, line, endLine, stage: Math.max(stage, 0), ...(onbuild ? { onbuild } : {}) };
    if (kw === 'RUN' || kw === 'CMD' || kw === 'ENTRYPOINT' || kw === 'SHELL') {
      di.json = jsonForm(args);
      if (kw === 'RUN') di.script = onbuild ? args : runScript(ins, args, di.json);
    }
    instructions.push(di);
    if (stage >= 0) stages[stage].instructions.push(di);
  }
  // One line per file is enough: a template or a non-Dockerfile yields an error on most lines.
  if (warnings.length > 1) {
    const [first, ...rest] = warnings;
    warnings.splice(0, warnings.length, { what: `${first.what} (and ${rest.length} more problem${rest.length > 1 ? 's' : ''})`, where: first.where, notChecked: 'file' });
  }
  if (stages.length === 0 && warnings.length > 0) {
    warnings.push({ what: 'malformed Dockerfile: no FROM instruction', where: `${path}:1`, notChecked: 'file' });
  }
  return { ctx: { path, lines, instructions, stages, globalArgs }, warnings };
}

const KNOWN = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME',
  'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);

/** image[:tag][@digest], where a ':' after the last '/' is a tag (registry ports are not). */
export function splitImageRef(ref: string): { image: string; tag?: string; digest?: string } {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) { digest = rest.slice(at + 1); rest = rest.slice(0, at); }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let tag: string | undefined;
  if (colon > slash) { tag = rest.slice(colon + 1); rest = rest.slice(0, colon); }
  return { image: rest, tag, digest };
}

function jsonForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  try {
    const v = JSON.parse(args);
    return Array.isArray(v) && v.every((s) => typeof s === 'string') ? v : undefined;
  } catch {
    return undefined;
  }
}

/** The shell text a RUN executes: exec form joined; a bare `<<EOF` heredoc's body is the script. */
function runScript(ins: Instruction, args: string, json?: string[]): string {
  if (json) return json.join(' ');
  const heredocs = (ins as unknown as { getHeredocs?: () => { getName(): string }[] }).getHeredocs?.() ?? [];
  if (!heredocs.length) return args;
  const firstLine = args.split('\n')[0];
  const bodyStart = args.indexOf('\n');
  const body = bodyStart < 0 ? '' : args.slice(bodyStart + 1);
  // `RUN <<EOF` (no program before the marker): the shell runs the body. `RUN python3 <<EOF`: stdin, not shell.
  const command = firstLine.replace(/<<-?\s*["']?[A-Za-z0-9_]+["']?/g, '').trim();
  if (command === '' || /^(ba|da|a)?sh(\s+-\w+)*$/.test(command)) {
    const names = heredocs.map((h) => h.getName());
    return body.split('\n').filter((l) => !names.includes(l.trim())).join('\n');
  }
  return command;
}

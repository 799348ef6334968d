/**
 * Just enough POSIX shell to read RUN lines: split into simple commands at `&&`, `||`, `;`, `|`,
 * newlines, and into words with quotes removed. Written by hand because lint rules need operator
 * boundaries and word lists, not evaluation; no well-kept npm package gives both without expanding
 * variables or globbing.
 */
export interface ShellCommand {
  /** Words with quotes removed; leading `VAR=value` assignments and `sudo`-style wrappers kept. */
  words: string[];
  /** The operator that follows this command ('|', '&&', '||', ';', '\n' or '' at the end). */
  next: string;
}

export function splitShell(script: string): ShellCommand[] {
  const cmds: ShellCommand[] = [];
  let words: string[] = [];
  let cur = '';
  let inWord = false;
  const endWord = () => {
    if (inWord) words.push(cur);
    cur = '';
    inWord = false;
  };
  const endCmd = (op: string) => {
    endWord();
    if (words.length) cmds.push({ words, next: op });
    else if (cmds.length && op !== '\n') cmds[cmds.length - 1].next = op;
    words = [];
  };
  for (let i = 0; i < script.length; i++) {
    const c = script[i];
    if (c === '\\' && script[i + 1] === '\n') { i++; continue; }
    if (c === "'") {
      const j = script.indexOf("'", i + 1);
      const end = j < 0 ? script.length : j;
      cur += script.slice(i + 1, end);
      inWord = true;
      i = end;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < script.length && script[j] !== '"') { if (script[j] === '\\' && /[$`"\\\n]/.test(script[j + 1] ?? '')) j++; cur += script[j] ?? ''; j++; } // in "…", \ escapes only $ ` " \ and newline
      inWord = true;
      i = j;
      continue;
    }
    if (c === '\\') { cur += script[i + 1] ?? ''; inWord = true; i++; continue; }
    if (c === '#' && !inWord) {
      const j = script.indexOf('\n', i);
      i = (j < 0 ? script.length : j) - 1;
      continue;
    }
    if (c === '&' && script[i + 1] === '&') { endCmd('&&'); i++; continue; }
    if (c === '|' && script[i + 1] === '|') { endCmd('||'); i++; continue; }
    if (c === '|') { endCmd('|'); continue; }
    if (c === ';' || c === '&') { endCmd(';'); continue; }
    if (c === '\n') { endCmd('\n'); continue; }
    if (c === '(' || c === ')' || c === '{' || c === '}') { if (!inWord) { endCmd(';'); continue; } }
    if (c === ' ' || c === '\t' || c === '\r') { endWord(); continue; }
    cur += c;
    inWord = true;
  }
  endCmd('');
  return cmds.map(stripWrappers).filter((c) => c.words.length > 0);
}

const SHELL_KEYWORDS = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', 'time', 'exec', 'nohup']);

/** Drops leading env assignments and shell keywords so words[0] is the program run. */
function stripWrappers(c: ShellCommand): ShellCommand {
  let w = c.words;
  while (w.length && (/^[A-Za-z_][A-Za-z0-9_]*=/.test(w[0]) || SHELL_KEYWORDS.has(w[0]))) w = w.slice(1);
  if (w[0] === 'env') { w = w.slice(1); while (w.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[0])) w = w.slice(1); }
  return { words: w, next: c.next };
}

/** Program name without a path: /usr/bin/apt-get → apt-get. */
export const prog = (c: ShellCommand) => (c.words[0] ?? '').split('/').pop() ?? '';

/** Commands run as `sudo X …`: the command after sudo and its flags. */
export function unsudo(c: ShellCommand): ShellCommand {
  if (prog(c) !== 'sudo') return c;
  let i = 1;
  while (i < c.words.length && c.words[i].startsWith('-')) i++;
  return { words: c.words.slice(i), next: c.next };
}

/** Whether the command has the flag: long `--name`/`--name=…`, or a short letter in any `-abc` cluster. */
export function hasFlag(c: ShellCommand, long: string[], short = ''): boolean {
  for (const w of c.words.slice(1)) {
    if (w === '--') break;
    if (w.startsWith('--')) { if (long.includes(w.slice(2).split('=')[0])) return true; continue; }
    if (w.startsWith('-') && short) for (const ch of w.slice(1)) if (short.includes(ch)) return true;
  }
  return false;
}

/** Positional words after the program (and after a sub-command, when given), skipping flags. */
export function positionals(c: ShellCommand, flagsWithValue: string[] = []): string[] {
  const out: string[] = [];
  const ws = c.words.slice(1);
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i];
    if (w.startsWith('-')) {
      if (flagsWithValue.includes(w)) i++;
      continue;
    }
    out.push(w);
  }
  return out;
}

import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { CoastguardError, ExitCode, inputError } from '../../core/errors.js';

/** A blob as it first appeared in the history (oldest commit first). */
export interface BlobOrigin {
  blob: string;
  path: string;
  commit: string;
  author: string;
  email: string;
  /** Author date, ISO 8601. */
  date: string;
}

export interface HistoryOptions {
  /** Only commits more recent than this (anything `git log --since` accepts: 2024-01-01, "2 weeks ago"). */
  since?: string;
  /** Refs to walk; default every ref (--all). */
  refs?: string[];
}

/** Runs git and collects stdout; a missing git or a non-zero exit becomes a one-line error. */
export function git(repo: string, args: string[], what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', repo, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) =>
      reject(new CoastguardError(`cannot run git (${(e as NodeJS.ErrnoException).code ?? e.message}); install git to scan repositories`, repo, ExitCode.INPUT)),
    );
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(inputError(`${what}: ${err.trim().split('\n').pop() || `git exited with ${code}`}`, repo));
    });
  });
}

/** Checks that `repo` is a git work tree or bare repository; throws a clear error otherwise. */
export async function assertRepository(repo: string): Promise<void> {
  await git(repo, ['rev-parse', '--git-dir'], 'not a git repository');
}

/**
 * Every blob of the history once, with the commit, author and path where it first appeared.
 * One `git log --raw` pass, oldest first: a blob id seen again later (unchanged file, revert,
 * copy) is not listed again. Symlinks and submodules are left out.
 */
export async function listHistoryBlobs(repo: string, opts: HistoryOptions = {}): Promise<BlobOrigin[]> {
  await assertRepository(repo);
  // A repository without commits has no history to scan.
  const head = await git(repo, ['rev-parse', '--verify', '-q', 'HEAD'], 'cannot read HEAD').catch(() => '');
  const refs = opts.refs?.length ? opts.refs : ['--all'];
  if (!head.trim() && !opts.refs?.length) {
    const any = await git(repo, ['for-each-ref', '--count=1', '--format=%(refname)'], 'cannot list refs');
    if (!any.trim()) return [];
  }
  const args = ['log', ...refs, '--reverse', '--date-order', '--raw', '--no-abbrev', '--no-renames', '-m', '--format=%x00%H%x09%an%x09%ae%x09%aI', '-z'];
  if (opts.since) args.push(`--since=${opts.since}`);
  const seen = new Set<string>();
  const blobs: BlobOrigin[] = [];
  // With -z the output is NUL-separated tokens: commit headers "H\tan\tae\taI" (our format),
  // raw entries ":oldmode newmode oldsha newsha status" each followed by a path token. Parsed as
  // it streams, so memory holds the blob list, not git's whole output.
  let cur: { commit: string; author: string; email: string; date: string } | undefined;
  let pendingMeta: string | undefined;
  const onToken = (raw: string) => {
    if (pendingMeta !== undefined) {
      const [, newMode, , newSha, status] = pendingMeta.slice(1).split(/\s+/);
      pendingMeta = undefined;
      if (!cur || status === 'D' || !newSha || /^0+$/.test(newSha)) return;
      if (newMode === '160000' || newMode === '120000') return; // submodule, symlink
      if (seen.has(newSha)) return;
      seen.add(newSha);
      blobs.push({ blob: newSha, path: raw, ...cur });
      return;
    }
    const t = raw.replace(/^\n+/, '');
    if (t === '') return;
    if (t.startsWith(':')) {
      pendingMeta = t;
      return;
    }
    const [commit, author, email, date] = t.split('\t');
    if (/^[0-9a-f]{40,64}$/.test(commit ?? '')) cur = { commit, author: author ?? '', email: email ?? '', date: (date ?? '').trim() };
  };
  await streamTokens(repo, args, onToken, 'cannot read the history');
  return blobs;
}

/** Runs git and hands each NUL-terminated token of its stdout to `onToken` as it arrives. */
function streamTokens(repo: string, args: string[], onToken: (t: string) => void, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', repo, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const decoder = new StringDecoder('utf8');
    let rest = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      const parts = (rest + decoder.write(d)).split('\0');
      rest = parts.pop() ?? '';
      for (const p of parts) onToken(p);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e) => reject(new CoastguardError(`cannot run git (${(e as NodeJS.ErrnoException).code ?? e.message}); install git to scan repositories`, repo, ExitCode.INPUT)));
    child.on('close', (code) => {
      const tail = rest + decoder.end();
      if (tail) onToken(tail);
      if (code === 0) resolve();
      else reject(inputError(`${what}: ${err.trim().split('\n').pop() || `git exited with ${code}`}`, repo));
    });
  });
}

/** Object sizes, one `git cat-file --batch-check` pass. */
export function blobSizes(repo: string, ids: string[]): Promise<Map<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['-C', repo, 'cat-file', '--batch-check=%(objectname) %(objectsize)'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', (e) => reject(inputError(`cannot run git (${e.message})`, repo)));
    child.on('close', (code) => {
      if (code !== 0) return reject(inputError('cannot read object sizes', repo));
      const m = new Map<string, number>();
      for (const line of out.split('\n')) {
        const [id, size] = line.split(' ');
        if (id && size && /^\d+$/.test(size)) m.set(id, Number(size));
      }
      resolve(m);
    });
    child.stdin.end(ids.join('\n') + '\n');
  });
}

/**
 * Streams blob bodies through one `git cat-file --batch` process: ids go in on stdin, each
 * object comes back as "<id> blob <size>\n<body>\n". `onBlob` sees each body as it completes, so
 * memory is bounded by the largest blob, not the history.
 */
export function readBlobs(repo: string, ids: string[], onBlob: (id: string, body: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    if (ids.length === 0) return resolve();
    const child = spawn('git', ['-C', repo, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let buf: Buffer = Buffer.alloc(0);
    let need: { id: string; size: number } | undefined;
    let failed = false;
    child.stdout.on('data', (d: Buffer) => {
      buf = buf.length ? Buffer.concat([buf, d]) : d;
      for (;;) {
        if (!need) {
          const nl = buf.indexOf(0x0a);
          if (nl < 0) return;
          const header = buf.subarray(0, nl).toString('utf8');
          buf = buf.subarray(nl + 1);
          const m = /^([0-9a-f]+) (\w+) (\d+)$/.exec(header);
          if (!m) continue; // "<id> missing": nothing follows
          need = { id: m[1], size: Number(m[3]) };
        }
        if (buf.length < need.size + 1) return;
        const body = buf.subarray(0, need.size);
        buf = buf.subarray(need.size + 1);
        const id = need.id;
        need = undefined;
        try {
          onBlob(id, body);
        } catch (e) {
          failed = true;
          child.kill();
          return reject(e);
        }
      }
    });
    child.on('error', (e) => reject(inputError(`cannot run git (${e.message})`, repo)));
    child.on('close', (code) => {
      if (failed) return;
      if (code !== 0) reject(inputError('cannot read blobs', repo));
      else resolve();
    });
    child.stdin.on('error', () => undefined); // git exiting early is reported by 'close'
    child.stdin.end(ids.join('\n') + '\n');
  });
}

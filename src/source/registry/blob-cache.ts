import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CoastguardError, ExitCode } from '../../core/errors.js';
import type { RegistryClient } from './client.js';

/**
 * Blobs by digest under <cache>/blobs/sha256/, shared by every scan. A download goes to
 * `<hex>.partial`, is hashed as it streams, and is renamed into place only when the digest
 * matches; an interrupted download resumes from the partial file with a Range request.
 */
export class BlobCache {
  readonly dir: string;
  constructor(cacheDir: string, readonly maxBytes = Number(process.env.COASTGUARD_CACHE_MAX_BYTES ?? 20 * 1024 ** 3)) {
    this.dir = join(cacheDir, 'blobs', 'sha256');
  }

  path(digest: string): string {
    return join(this.dir, digest.replace(/^sha256:/, ''));
  }

  has(digest: string): boolean {
    const p = this.path(digest);
    if (!existsSync(p)) return false;
    const now = new Date();
    utimesSync(p, now, now); // recently used: kept longest by prune()
    return true;
  }

  /** `maxBytes`: the descriptor's size (or a limit); a server that sends more is cut off, not trusted. */
  async fetch(client: RegistryClient, digest: string, onBytes?: (n: number) => void, maxBytes = Infinity): Promise<{ path: string; cached: boolean }> {
    if (!/^sha256:[a-f0-9]{64}$/.test(digest)) throw new CoastguardError(`unsupported digest "${digest}"`, client.ref.registry, ExitCode.INPUT);
    const final = this.path(digest);
    if (this.has(digest)) return { path: final, cached: true };
    mkdirSync(this.dir, { recursive: true });
    const partial = `${final}.partial`;
    for (let attempt = 0; attempt < 4; attempt++) {
      const hash = createHash('sha256');
      let offset = existsSync(partial) ? statSync(partial).size : 0;
      if (offset > 0) {
        for await (const c of createReadStream(partial)) hash.update(c as Buffer);
      }
      const res = await client.getBlob(digest, offset);
      if (offset > 0 && res.status !== 206) {
        offset = 0; // server ignored Range: start over
        hash.destroy();
        rmSync(partial, { force: true });
        await res.body?.cancel();
        continue;
      }
      const h = offset > 0 ? hash : createHash('sha256');
      let total = offset;
      const where = `${client.ref.registry}/${client.ref.repository}@${digest}`;
      try {
        const body = Readable.fromWeb(res.body as import('node:stream/web').ReadableStream<Uint8Array>);
        body.on('data', (c: Buffer) => {
          total += c.length;
          if (total > maxBytes) body.destroy(new CoastguardError(`blob is larger than its descriptor says (more than ${maxBytes} bytes)`, where, ExitCode.INPUT));
          h.update(c);
          onBytes?.(c.length);
        });
        await pipeline(body, createWriteStream(partial, { flags: offset > 0 ? 'a' : 'w' }));
      } catch (e) {
        if (e instanceof CoastguardError) {
          rmSync(partial, { force: true });
          throw e;
        }
        continue; // connection dropped: resume from what arrived
      }
      const actual = 'sha256:' + h.digest('hex');
      if (actual !== digest) {
        rmSync(partial, { force: true });
        throw new CoastguardError(`digest mismatch: blob hashes to ${actual}`, `${client.ref.registry}/${client.ref.repository}@${digest}`, ExitCode.INPUT);
      }
      renameSync(partial, final);
      return { path: final, cached: false };
    }
    throw new CoastguardError('blob download kept failing', `${client.ref.registry}/${client.ref.repository}@${digest}`, ExitCode.NETWORK);
  }

  /** Removes least recently used blobs until the cache is under its size limit. */
  prune(): { removed: number; bytes: number } {
    if (!existsSync(this.dir)) return { removed: 0, bytes: 0 };
    const files = readdirSync(this.dir)
      .filter((f) => !f.endsWith('.partial'))
      .map((f) => {
        const st = statSync(join(this.dir, f));
        return { f, size: st.size, used: st.mtimeMs };
      })
      .sort((a, b) => a.used - b.used);
    let total = files.reduce((n, x) => n + x.size, 0);
    let removed = 0;
    let bytes = 0;
    for (const x of files) {
      if (total <= this.maxBytes) break;
      rmSync(join(this.dir, x.f), { force: true });
      total -= x.size;
      bytes += x.size;
      removed++;
    }
    return { removed, bytes };
  }
}

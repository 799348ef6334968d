import type { IncomingMessage } from 'node:http';
import tar from 'tar-stream';
import { EngineNotFound, type EngineClient } from '../source/engine/client.js';

export interface ContainerFile {
  type: 'file' | 'directory' | 'symlink' | 'other';
  mode: number;
  size: number;
  linkname?: string;
  /** The first `maxBytes` bytes of a regular file's body. */
  head: Buffer;
  /** True when `head` is the whole body. */
  complete: boolean;
}

/**
 * One path of a running container, from GET /containers/{id}/archive: the tar's first entry is
 * the path itself. Only the header and the bytes asked for are read; the stream is then dropped,
 * so asking about a big directory costs one header. Undefined when the path is gone (404).
 */
export async function readContainerPath(client: EngineClient, id: string, path: string, maxBytes: number): Promise<ContainerFile | undefined> {
  let res: IncomingMessage;
  try {
    res = await client.archive(id, path);
  } catch (e) {
    if (e instanceof EngineNotFound) return undefined;
    throw e;
  }
  const extract = tar.extract();
  res.on('error', (e) => extract.destroy(e));
  res.pipe(extract);
  try {
    for await (const entry of extract) {
      const h = entry.header;
      const type = h.type === 'file' || h.type === 'contiguous-file' ? 'file' : h.type === 'directory' ? 'directory' : h.type === 'symlink' ? 'symlink' : 'other';
      const size = h.size ?? 0;
      const parts: Buffer[] = [];
      let got = 0;
      if (type === 'file' && maxBytes > 0) {
        for await (const c of entry) {
          parts.push(c as Buffer);
          got += (c as Buffer).length;
          if (got >= maxBytes) break;
        }
      }
      const body = Buffer.concat(parts);
      return { type, mode: h.mode ?? 0, size, linkname: h.linkname ?? undefined, head: body.subarray(0, maxBytes), complete: type === 'file' && got >= size && size <= maxBytes };
    }
    return undefined;
  } finally {
    res.destroy();
    extract.destroy();
  }
}

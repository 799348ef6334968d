import { open } from 'node:fs/promises';

/** `length` bytes of a file from `start` (fewer where the file ends): magic bytes, small blobs. */
export async function readRange(path: string, start = 0, length = 4): Promise<Buffer> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(length);
    const { bytesRead } = await fh.read(b, 0, length, start);
    return b.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

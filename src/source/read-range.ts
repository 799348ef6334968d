import { closeSync, openSync, readSync } from 'node:fs';
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

/** Exactly `length` bytes of a file from `start`: a body the walk left as a byte range. */
export function readRangeSync(path: string, start: number, length: number, into?: Buffer): Buffer {
  const fd = openSync(path, 'r');
  try {
    return readRangeFd(fd, start, length, into);
  } finally {
    closeSync(fd);
  }
}

/** The same from an open file; `into` (when big enough) is reused instead of a new buffer. */
export function readRangeFd(fd: number, start: number, length: number, into?: Buffer): Buffer {
  const b = into && into.length >= length ? into.subarray(0, length) : Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, b, got, length - got, start + got);
    if (n === 0) throw new Error(`file ends at byte ${start + got}, ${length - got} bytes short of a file body`);
    got += n;
  }
  return b;
}

import { closeSync, openSync } from 'node:fs';
import { batched, writeChunks, writeFileAtomic as writeAtomically } from '../core/temp-files.js';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { usageError, inputError, type ScanResult } from '../core/index.js';
import { writeCycloneDx } from './cyclonedx.js';
import { writeHtml } from './html.js';
import { jsonChunks, writeJson } from './json.js';
import { writeJunit } from './junit.js';
import { writeMarkdown } from './markdown.js';
import { writeSarif } from './sarif.js';
import { writeSpdx } from './spdx.js';
import { writeTable } from './table.js';
import type { ReportOptions, ReportWriter } from './util.js';

export type { ReportOptions, ReportWriter } from './util.js';

/** Every `--format` name and its writer. Adding a format is one file and one line here. */
export const WRITERS = {
  table: writeTable,
  json: writeJson,
  sarif: writeSarif,
  cyclonedx: writeCycloneDx,
  'spdx-json': writeSpdx,
  junit: writeJunit,
  markdown: writeMarkdown,
  html: writeHtml,
} satisfies Record<string, ReportWriter>;

export type Format = keyof typeof WRITERS;
export const FORMATS = Object.keys(WRITERS) as Format[];

export function isFormat(s: string): s is Format {
  return Object.prototype.hasOwnProperty.call(WRITERS, s);
}

export function writeReport(format: string, result: ScanResult, opts: ReportOptions = {}): string {
  if (!isFormat(format)) throw usageError(`unknown format "${format}" (one of ${FORMATS.join(', ')})`, '--format');
  return WRITERS[format](result, opts);
}

export interface OutputSpec {
  format: string;
  /** Absent or "-": standard output. */
  file?: string;
}

/** Writes the whole file or nothing: a temp file beside it, then rename. */
export async function writeFileAtomic(file: string, text: string | Iterable<string>): Promise<void> {
  // Only regular files are replaced by rename: renaming over /dev/null, a FIFO or /dev/stdout
  // would swap the device for a file (and, as root, break the machine). Those are written to.
  const st = await stat(file).catch(() => undefined);
  if (st && !st.isFile()) {
    try {
      if (typeof text === 'string') await writeFile(file, text);
      else {
        const fd = openSync(file, 'w');
        try {
          writeChunks(fd, text);
        } finally {
          closeSync(fd);
        }
      }
      return;
    } catch (e) {
      throw inputError(`cannot write report: ${(e as Error).message}`, file, e);
    }
  }
  const dir = dirname(file);
  try {
    await mkdir(dir, { recursive: true });
    writeAtomically(file, text);
  } catch (e) {
    throw inputError(`cannot write report: ${(e as Error).message}`, file, e);
  }
}

/**
 * Writes every requested report: files atomically, the others to `stdout`. The table is coloured
 * only when it goes to a TTY and NO_COLOR is unset. Formats are checked before anything is written.
 */
export async function writeReports(
  result: ScanResult,
  outputs: OutputSpec[],
  stdout: NodeJS.WritableStream,
  opts: ReportOptions = {},
): Promise<void> {
  for (const o of outputs) if (!isFormat(o.format)) writeReport(o.format, result); // throws the usage error
  for (const o of outputs) {
    const toStdout = !o.file || o.file === '-';
    const tty = toStdout && (stdout as NodeJS.WriteStream).isTTY === true && !process.env.NO_COLOR;
    const ropts = { ...opts, color: opts.color ?? tty };
    // JSON is written in pieces: the native report of a huge scan outgrows a single string.
    const text: string | Iterable<string> = o.format === 'json' ? jsonChunks(result, ropts) : writeReport(o.format, result, ropts);
    if (!toStdout) await writeFileAtomic(o.file!, text);
    else if (typeof text === 'string') stdout.write(text);
    else await writePieces(stdout, text);
  }
}

/** Pieces to a stream in ~1 MiB writes, waiting for 'drain' so a slow reader does not make us buffer it all. */
async function writePieces(out: NodeJS.WritableStream, pieces: Iterable<string>): Promise<void> {
  const ev = out as NodeJS.EventEmitter;
  for (const batch of batched(pieces)) {
    // A reader that goes away never drains: 'error' and 'close' end the wait as well.
    if (!out.write(batch) && typeof ev.once === 'function') await new Promise<void>((resolve) => ['drain', 'error', 'close'].forEach((e) => ev.once(e, () => resolve())));
  }
}

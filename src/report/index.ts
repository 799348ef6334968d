import { writeFileAtomic as writeAtomically } from '../core/temp-files.js';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { usageError, inputError, type ScanResult } from '../core/index.js';
import { writeCycloneDx } from './cyclonedx.js';
import { writeHtml } from './html.js';
import { writeJson } from './json.js';
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
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  // Only regular files are replaced by rename: renaming over /dev/null, a FIFO or /dev/stdout
  // would swap the device for a file (and, as root, break the machine). Those are written to.
  const st = await stat(file).catch(() => undefined);
  if (st && !st.isFile()) {
    try {
      await writeFile(file, text);
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
    const text = writeReport(o.format, result, { ...opts, color: opts.color ?? tty });
    if (toStdout) stdout.write(text);
    else await writeFileAtomic(o.file!, text);
  }
}

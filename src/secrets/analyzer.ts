import { createHash } from 'node:crypto';
import type { Analyzer } from '../analyze/types.js';
import { builtinRules } from './rules/index.js';
import { DEFAULT_MAX_FILE_SIZE } from './scanner.js';
import { scannerFor } from './text.js';
import { loadTrivySecretConfig } from './trivy-config.js';
import { loadGitleaksConfig } from './gitleaks-config.js';
import type { SecretScanOptions } from './types.js';

/**
 * `--secret-config FILE`: custom rules and allow-lists, in Trivy's trivy-secret.yaml or gitleaks'
 * .toml format (by extension). A broken file is a config error naming it.
 */
export function loadSecretConfig(file: string): SecretScanOptions {
  return /\.toml$/i.test(file) ? loadGitleaksConfig(file) : loadTrivySecretConfig(file);
}

/**
 * Extensions that are never text worth scanning: images, media, fonts, archives, compiled code.
 * Decided from the name alone, so the walk does not even read these bodies.
 */
const BINARY_EXT = new Set(
  ('png jpg jpeg gif bmp ico icns webp tif tiff psd svgz avif heic mp3 mp4 m4a m4v avi mov mkv webm ogg oga ogv wav flac aac ' +
    'ttf otf woff woff2 eot pfb pfm afm zip gz tgz bz2 xz lz lzma zst 7z rar tar jar war ear aar whl egg apk deb rpm msi dmg iso img ' +
    'so a o ko dll exe bin dylib lib obj pyc pyo pyd class dex wasm node mo gmo qm db sqlite sqlite3 dat idx pack pdf doc docx xls xlsx ' +
    'ppt pptx odt ods cache hprof jfr npy npz pt pth onnx h5 pb tflite gguf safetensors').split(' '),
);

/** Directories whose files are generated data, never secrets (locale tables, time zones, man pages). */
const SKIP_PREFIXES = ['usr/share/locale/', 'usr/share/i18n/', 'usr/share/zoneinfo/', 'usr/lib/locale/', 'usr/share/man/', 'usr/share/mime/', 'usr/share/icons/', 'proc/', 'sys/', 'dev/'];

export function isTextCandidate(path: string, size: number, maxFileSize = DEFAULT_MAX_FILE_SIZE): boolean {
  if (size === 0 || size > maxFileSize) return false;
  const p = path.replace(/^\.?\//, '');
  for (const pre of SKIP_PREFIXES) if (p.startsWith(pre)) return false;
  if (p.includes('/.git/objects/') || p.startsWith('.git/objects/')) return false;
  const base = p.slice(p.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  if (dot > 0) {
    const ext = base.slice(dot + 1).toLowerCase();
    if (BINARY_EXT.has(ext)) return false;
  }
  return true;
}

/**
 * The secret scanner as a layer-walk analyzer: the walk offers every file, `wants` keeps text
 * candidates under the size cap, `analyze` returns findings located at {path, line, layer}.
 */
/**
 * The layer-cache key must change whenever the rules do: the version is derived from every rule's
 * id, regex and checks (their source text), so editing a rule invalidates cached layer results.
 */
export const RULESET_VERSION = parseInt(
  createHash('sha256')
    .update(builtinRules.map((r) => [r.id, r.regex.source, r.regex.flags, r.keywords.join(','), r.entropy ?? '', String(r.validate ?? ''), String(r.allowSecrets ?? '')].join('\0')).join('\n'))
    .digest('hex')
    .slice(0, 7),
  16,
);

/**
 * The secret scanner as a layer-walk analyzer, with the rules and limits it is given (none: the
 * built-in rules). `optionsKey` identifies the options (the config file's bytes) in the cache key.
 */
export function makeSecretAnalyzer(opts?: SecretScanOptions, optionsKey?: string): Analyzer {
  let scanner: ReturnType<typeof scannerFor> | undefined; // built on first use: importing stays cheap
  return {
    id: 'secret',
    version: RULESET_VERSION,
    kind: 'secret',
    deferrable: true,
    ...(optionsKey ? { optionsKey } : {}),
    wants: (path, info) => isTextCandidate(path, info.size, opts?.maxFileSize),
    rejectsHead: (path, head) => (scanner ??= scannerFor(opts)).rejectsHead(path, head),
    analyze(file) {
      const findings = (scanner ??= scannerFor(opts)).scan(file.path, file.content, { layer: file.layer });
      return findings.length ? { findings } : undefined;
    },
  };
}

export const secretAnalyzer: Analyzer = makeSecretAnalyzer();

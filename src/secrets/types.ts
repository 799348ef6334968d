import type { RuleMetadata } from '../core/rule.js';

/**
 * One secret rule: metadata (the same fields as the misconfig rules, docs are generated from them)
 * plus how to find it. Rules are data: a regex, the keywords that must occur in a file before the
 * regex is worth running, and the checks that tell a real secret from a placeholder.
 */
export interface SecretRule extends RuleMetadata {
  // id doubles as the slug (Trivy and gitleaks name secret rules the same way); `why` says what
  // the credential unlocks; aliases are gitleaks/<id>, trivy/<id>, secretlint/<messageId>.
  /** Service category, used by docs and the image-config scanner: cloud, vcs, ci, chat, payment, registry, database, key, generic … */
  category: string;
  /** Lower-case literals; the rule runs only on files containing at least one (one multi-pattern pass). */
  keywords: string[];
  /** Matched against the whole file (flags g and d are added). The secret is group `secret`, else group 1, else the match. */
  regex: RegExp;
  /** Minimum Shannon entropy (bits per character) of the secret. */
  entropy?: number;
  /** Secret values (whole or substring, lower-cased) that mean a placeholder. */
  stopwords?: string[];
  /** Regexes tested against the secret: a hit means a documented example or a placeholder. */
  allowSecrets?: RegExp[];
  /** Regexes tested against the line holding the match: a hit means this is not a secret in context. */
  allowLines?: RegExp[];
  /** Only files whose path matches (e.g. .npmrc). */
  paths?: RegExp;
  /** Same, as a function (custom rules with include/exclude globs). */
  pathFilter?: (path: string) => boolean;
  /** Extra check on the match (e.g. user != password in a URL); false drops it. */
  validate?: (secret: string, groups: Record<string, string | undefined>, match: string, lineBefore: string, line: string) => boolean;
  /** Name of the capture group holding the secret (default: `secret`, else group 1, else the match). */
  secretGroup?: string | number;
  /** Matches inside text these regexes cover are ignored (Trivy's exclude-block). */
  excludeBlocks?: RegExp[];
  /** A check on the raw bytes of binary files (keystores) instead of a text regex; runs on files matching `paths`. */
  fileCheck?: (body: Buffer) => boolean;
  /** Generic rules lose to specific ones when both match the same text. */
  generic?: boolean;
  /** Rules off unless enabled by name (AWS account ids: an identifier, not a credential). */
  defaultOff?: boolean;
}

/** Options every entrance (scanText, the analyzer, scanDirectory, git history) accepts. */
export interface SecretScanOptions {
  /** Files above this size are skipped (bytes). Default 10 MiB. */
  maxFileSize?: number;
  /** Rule ids (or aliases) to turn off / default-off rules to turn on. */
  disableRules?: string[];
  enableRules?: string[];
  /** Extra rules (custom config). */
  extraRules?: SecretRule[];
  /** Global allow-list: secrets matching any of these regexes are dropped. */
  allowSecrets?: RegExp[];
  /** Per-rule allow-lists (rule id → regexes on the secret). */
  allowSecretsByRule?: Record<string, RegExp[]>;
  /** Text blocks to leave out for every rule (Trivy's exclude-block). */
  excludeBlocks?: RegExp[];
  /** Only these built-in rules run (Trivy's enable-builtin-rules); custom rules always run. */
  onlyBuiltinRules?: string[];
  /** Paths matching are not scanned at all. */
  allowPaths?: RegExp[];
  /** Skip test-fixture paths (test/, fixtures/, testdata/, *_test.go …). Off by default: only when asked. */
  skipTestPaths?: boolean;
  /** Show secrets unredacted (never the default). */
  noRedact?: boolean;
  /** diffID of the layer, for image scans. */
  layer?: string;
  /** What was scanned (image name, directory); default: the path. */
  target?: string;
}

import type { Severity } from './severity.js';

/** Bumped on any incompatible change to the native JSON shape (docs/json-format.md). */
export const SCHEMA_VERSION = 1;

/** Where something is: a file (with lines for text), and the image layer (diffID) it came from. */
export interface Location {
  path: string;
  line?: number;
  endLine?: number;
  /** diffID of the layer (sha256:…) for image scans. */
  layer?: string;
}

/** Ecosystem names follow OSV's: Debian, Alpine, npm, PyPI, Maven, Go, RubyGems, crates.io, Packagist, NuGet, … */
export type Ecosystem = string;

export interface Package {
  name: string;
  version: string;
  ecosystem: Ecosystem;
  purl: string;
  /** Source package (Debian source, Alpine origin, rpm source RPM) where the ecosystem has one. */
  source?: { name: string; version: string };
  locations: Location[];
  licenses: string[];
  arch?: string;
  epoch?: number;
  /** Files the package owns, as its package DB lists them (OS packages), without the leading slash. */
  files?: string[];
  /** For language packages found in files an OS package installed: that OS package's name. Not matched twice. */
  ownedBy?: string;
  /** Free-form extras a specific ecosystem needs (e.g. Maven groupId, Go main module, dev dependency). */
  meta?: Record<string, unknown>;
}

export interface OSInfo {
  family: string; // debian, ubuntu, alpine, redhat, centos, rocky, alma, amazon, fedora, opensuse, sles, wolfi, distroless, …
  version: string; // as the distribution writes it: "12.5", "3.19.1", "9.3"
  codename?: string;
  name?: string; // PRETTY_NAME
  eol?: string; // ISO date the release loses security support, where known
  eolSource?: string;
}

export type FindingKind = 'vulnerability' | 'misconfig' | 'secret' | 'policy' | 'license' | 'drift';

/** One shape for every kind. Reports and the policy gate only know this shape. */
export interface Finding {
  kind: FindingKind;
  id: string;
  aliases: string[];
  severity: Severity;
  title: string;
  /** What was scanned: image name, file path, package purl… */
  target: string;
  location: Location;
  /** Stable across runs: kind + id + location + content hash, so ignores survive re-scans. */
  fingerprint: string;
  description?: string;
  fix?: string;
  references?: string[];
  /** Fields of the specific kind (vulnerability: package, fixedVersion, status, cvss …). */
  [extra: string]: unknown;
}

export interface Artifact {
  name: string;
  type: 'container_image' | 'filesystem' | 'repository' | 'config' | 'sbom' | 'container';
  digest?: string;
  os?: OSInfo;
  /** Image config facts reports and policies read (user, env, labels, history, created, layers…). */
  image?: ImageFacts;
}

export interface LayerFacts {
  digest?: string;
  diffID: string;
  size?: number;
  createdBy?: string;
}

export interface ImageFacts {
  repoTags?: string[];
  repoDigests?: string[];
  configDigest?: string;
  manifestDigest?: string;
  platform?: { os: string; architecture: string; variant?: string };
  created?: string;
  config?: ImageConfig;
  layers: LayerFacts[];
  history?: { created?: string; created_by?: string; empty_layer?: boolean; comment?: string }[];
}

/** The `config` object of an OCI/Docker image config JSON. */
export interface ImageConfig {
  User?: string;
  Env?: string[];
  Entrypoint?: string[] | null;
  Cmd?: string[] | null;
  ExposedPorts?: Record<string, object>;
  Labels?: Record<string, string> | null;
  Healthcheck?: { Test?: string[]; Interval?: number; Timeout?: number; Retries?: number };
  WorkingDir?: string;
  Volumes?: Record<string, object> | null;
  StopSignal?: string;
}

export interface ScanWarning {
  what: string;
  where?: string;
  /**
   * Set when something the scan was asked to check was not checked: a scanner that could not run
   * (`scanner`) or a file that could not be read or parsed (`file`). A gated scan (`--exit-code`)
   * never passes over these.
   */
  notChecked?: 'scanner' | 'file';
  /** For `notChecked: 'scanner'`: which one ("vuln"). */
  scanner?: string;
}

/** The vulnerability DB a scan used, for auditors (native JSON `db`). */
export interface DbFacts {
  builtAt: string;
  schemaVersion: number;
  sources: { location: string; records: number; sha256?: string; fetchedAt?: string }[];
}

/** One package to move to fix its vulnerabilities (src/remediate, docs/remediation.md). */
export interface Upgrade {
  ecosystem: Ecosystem;
  /** As in packages[] (for OS packages the binary package). */
  name: string;
  /** The source package (Debian source, Alpine origin, source RPM) for OS packages. */
  source?: string;
  from: string;
  /** The highest fixed version among the findings it fixes, in the ecosystem's own ordering. */
  to: string;
  fixes: string[];
  /** The install line for the ecosystem; binaries of one source package share one line. */
  command: string;
}

/** A newer tag of the base image, scanned and compared with the base the image was built from. */
export interface BaseCandidate {
  tag: string;
  digest: string;
  /** The line to put in the Dockerfile: `FROM repo:tag@sha256:…`. */
  from: string;
  /** Vulnerability ids of the current base gone in this candidate, and new ones it brings. */
  fixed: string[];
  introduced: string[];
  score: number;
  size: number;
  packagesChanged: number;
}

/** `--check-base`: the base image, how it was found, and the tags worth moving to (best first). */
export interface BaseAdvice {
  base: { name: string; digest: string; foundBy: 'annotation' | 'layers'; findings: number };
  candidates: BaseCandidate[];
  recommended?: { from: string; tag: string; fixes: string[] };
}

export interface ScanResult {
  schemaVersion: number;
  artifact: Artifact;
  packages: Package[];
  findings: Finding[];
  warnings?: ScanWarning[];
  /** The vulnerability DB used, when the vuln scanner ran. */
  db?: DbFacts;
  /** Filled by the policy stage: findings hidden by ignores/VEX, with the reason. */
  suppressed?: { finding: Finding; reason: string; by: string }[];
  /** Filled after the policy stage: the packages to upgrade to fix the findings left. */
  upgrades?: Upgrade[];
  /** `--check-base`: base-image advice. */
  baseAdvice?: BaseAdvice;
}

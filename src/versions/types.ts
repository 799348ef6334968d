/**
 * One module per version scheme (the Grype idea). `parse` rejects garbage with a VersionError;
 * the matcher reports such packages as "unknown version", never as a match.
 */
export interface VersionScheme {
  id: string; // 'dpkg' | 'apk' | 'rpm' | 'semver' | 'pep440' | 'maven' | 'golang' | 'gem' | 'cargo' | 'composer' | 'nuget'
  /** Throws VersionError if `v` is not a valid version of this scheme. */
  validate(v: string): void;
  /** <0, 0, >0 like Array.sort; throws VersionError for invalid input. */
  compare(a: string, b: string): number;
  /**
   * Whether `v` is inside `range`, written in the ecosystem's native range syntax
   * (npm ranges for semver, PEP 440 specifiers, Maven intervals, ">= 1.2, < 1.3" lists, …).
   */
  satisfies(v: string, range: string): boolean;
}

export class VersionError extends Error {
  constructor(readonly scheme: string, readonly version: string, reason: string) {
    super(`invalid ${scheme} version "${version}": ${reason}`);
    this.name = 'VersionError';
  }
}

/** A range (constraint) that cannot be parsed. A VersionError too, so callers need one catch. */
export class VersionRangeError extends VersionError {
  constructor(scheme: string, range: string, reason: string) {
    super(scheme, range, reason);
    this.message = `invalid ${scheme} range "${range}": ${reason}`;
    this.name = 'VersionRangeError';
  }
}

import type { Severity } from './severity.js';

/**
 * What every rule says about itself, misconfiguration and secret rules alike; docs pages are
 * generated from it and findings carry its `aliases`, so users migrating from another tool keep
 * their ignores.
 */
export interface RuleMetadata {
  /** Stable id, never reused. */
  id: string;
  slug: string;
  severity: Severity;
  title: string;
  /** Why it matters, in one or two sentences. */
  why: string;
  /** How to fix, with a snippet where one helps. */
  fix: string;
  references: string[];
  /** Equivalent ids in other tools: DL3007 (hadolint), AVD-DS-0001 (Trivy), gitleaks/<id>, … */
  aliases: string[];
}

import type { Severity } from '../core/severity.js';

/** The kinds of configuration the engine knows; each has one rule pack folder. */
export type ConfigType = 'dockerfile' | 'kubernetes' | 'compose' | 'image';

/** Metadata every rule carries; docs pages are generated from it (tools/gen-rule-docs.ts). */
export interface RuleMeta {
  /** Stable id, never reused: CG-DF-001 (Dockerfile), CG-K8S-001, CG-DC-001 (compose), CG-IMG-001. */
  id: string;
  slug: string;
  type: ConfigType;
  severity: Severity;
  title: string;
  why: string;
  /** How to fix, with a snippet. */
  fix: string;
  references: string[];
  /**
   * Equivalent ids in other tools: DL3007 (hadolint), AVD-DS-0001 (Trivy), CKV_K8S_16 (Checkov),
   * kube-linter/<check>, polaris/<check>, kube-score/<check>, CIS-DI-0001 (Dockle).
   */
  aliases: string[];
}

/** One problem a rule found: where, and a message specific to this occurrence. */
export interface Issue {
  message: string;
  line?: number;
  endLine?: number;
  /** The Kubernetes / compose object it belongs to (Kind/namespace/name or service name). */
  object?: string;
}

export interface Rule<Ctx> extends RuleMeta {
  check(ctx: Ctx): Issue[];
}

export const rule = <Ctx>(r: Rule<Ctx>): Rule<Ctx> => r;

import type { RuleMetadata } from '../core/rule.js';

/** The kinds of configuration the engine knows; each has one rule pack folder. */
export type ConfigType = 'dockerfile' | 'kubernetes' | 'compose' | 'image';

/**
 * Metadata every rule carries (the shared RuleMetadata plus its pack); docs pages are generated
 * from it (tools/gen-rule-docs.ts). Ids: CG-DF-001 (Dockerfile), CG-K8S-001, CG-DC-001 (compose),
 * CG-IMG-001; aliases name hadolint, Trivy AVD, Checkov, kube-linter/, polaris/, kube-score/, Dockle.
 */
export interface RuleMeta extends RuleMetadata {
  type: ConfigType;
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

/**
 * What the user told the rules (`--trusted-registry`), given when a scan starts and read from the
 * rule context: no module state, so two scans with different options never see each other's.
 */
export interface RuleOptions {
  /** Registries images may come from (hadolint DL3026, CG-K8S-099); empty: any. `*` any, `*.example.com` any subdomain (Dockerfile FROM). */
  trustedRegistries?: readonly string[];
}

import { createRequire } from 'node:module';
import type { Issue } from '../../types.js';
import type { DfStage, DockerfileCtx } from '../parse.js';
import { parentStage } from '../helpers.js';
import { keyValues } from './secret-env.js';

/**
 * hadolint's label schema (`label-schema:` in its config): labels every image must carry and
 * the format of each value. Empty: the label rules stay silent. Set through the engine option
 * `labelSchema` (and `strictLabels`: labels outside the schema are reported).
 */
export type LabelType = 'text' | 'url' | 'rfc3339' | 'spdx' | 'hash' | 'semver' | 'email';
export const labelSchema: { labels: Record<string, LabelType>; strict: boolean } = { labels: {}, strict: false };

export function setLabelSchema(labels: Record<string, LabelType> = {}, strict = false): void {
  labelSchema.labels = labels;
  labelSchema.strict = strict;
}

interface LabelAt { key: string; value: string; line: number }

/** LABELs a stage sets itself (not inherited). */
export function ownLabels(s: DfStage): LabelAt[] {
  const out: LabelAt[] = [];
  for (const i of s.instructions) {
    if (i.keyword !== 'LABEL') continue;
    for (const [k, v] of keyValues(i.args)) out.push({ key: k.replace(/^["']|["']$/g, ''), value: v ?? '', line: i.line });
  }
  return out;
}

/** Keys a stage carries: its own and those of the stages it builds on. */
export function carriedKeys(ctx: DockerfileCtx, s: DfStage): Set<string> {
  const keys = new Set<string>();
  for (let t: DfStage | undefined = s; t; t = parentStage(ctx, t)) for (const l of ownLabels(t)) keys.add(l.key);
  return keys;
}

/** One issue per schema label of `type` whose value fails `valid`. */
export function formatIssues(ctx: DockerfileCtx, type: LabelType, valid: (v: string) => boolean, what: string): Issue[] {
  const out: Issue[] = [];
  for (const s of ctx.stages) {
    for (const l of ownLabels(s)) {
      if (labelSchema.labels[l.key] === type && !valid(l.value)) out.push({ message: `label ${l.key}="${l.value}" is not ${what}`, line: l.line });
    }
  }
  return out;
}

const SPDX = new Set<string>(createRequire(import.meta.url)('spdx-license-ids') as string[]);
export const isSpdx = (v: string) => SPDX.has(v);
export const isUrl = (v: string) => { try { return /^[a-z][a-z0-9+.-]*:/i.test(v) && !!new URL(v).protocol; } catch { return false; } };
export const isRfc3339 = (v: string) => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/.test(v) && !Number.isNaN(Date.parse(v));
export const isGitHash = (v: string) => /^(?:[0-9a-f]{7,40}|[0-9a-f]{64})$/.test(v);
export const isSemver = (v: string) => /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/.test(v);
export const isEmail = (v: string) => /^[^\s@<>()[\]\\,;:"]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/.test(v);

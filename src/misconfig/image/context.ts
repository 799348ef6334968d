import type { ImageFacts } from '../../core/types.js';

export interface ImageCtx { image: ImageFacts; target: string }

/** Splits "KEY=value" Env entries. */
export const envPairs = (env: string[] | undefined): [string, string][] =>
  (env ?? []).map((e) => { const i = e.indexOf('='); return i < 0 ? [e, ''] : [e.slice(0, i), e.slice(i + 1)]; });

/** A value a field extracts: a string, a list of strings (list fields), or undefined (not available). */
export type FieldValue = string | string[] | undefined;

/** One Kubernetes audit event (or any JSON event) as the engine sees it. */
export interface JsonEvent {
  /** The parsed audit.k8s.io Event object. */
  obj: Record<string, unknown>;
  /** Event time in nanoseconds since the epoch (from stageTimestamp). */
  tsNs: bigint;
  /** 1-based position in the stream (evt.num). */
  num: number;
  /** Compact JSON of `obj`, computed on first use (jevt.obj, outputs). */
  json?: string;
  /** ISO 8601 time with nanoseconds, computed on first use. */
  iso?: string;
  /** Per-event memo of macro results (0 unknown, 1 true, 2 false), owned by one compiled rule set. */
  memo?: Uint8Array;
  memoOwner?: object;
}

export type Extractor<E> = (e: E) => FieldValue;

export interface FieldDef<E> {
  name: string;
  desc: string;
  list: boolean;
  /** none: no [arg]; required: must have one; optional: index or key allowed. */
  arg: 'none' | 'required' | 'optional';
  /** Builds the extractor once per use site, with the argument already parsed. Throws Error on a bad argument. */
  make(arg: string | undefined): Extractor<E>;
}

/** The fields of one event source. */
export interface FieldSource<E> {
  source: string;
  fields: Map<string, FieldDef<E>>;
}

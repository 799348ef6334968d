/**
 * Turns payloads into audit events the way Falco's k8saudit plugin does: a payload is a JSON
 * value that is an `Event`, an `EventList` (its `items`), or an array of those; each event needs
 * a parseable `stageTimestamp` (the event time). Anything else is counted and skipped, never thrown.
 */
import type { JsonEvent } from './fields/types.js';

/** Events larger than this (serialized) are dropped, as the plugin's default maxEventSize. */
export const DEFAULT_MAX_EVENT_SIZE = 262_144;

export type SkipReason = 'malformed' | 'unknown_kind' | 'bad_event' | 'too_large';

export interface DecodeResult {
  events: JsonEvent[];
  skipped: { reason: SkipReason; detail: string }[];
}

export interface DecodeOptions {
  maxEventSize?: number;
  /** evt.num of the first event of the result (later events count up from it). */
  firstNum?: number;
}

/** Parses an RFC 3339 timestamp with up to nanosecond precision into ns since the epoch. */
export function parseTimestampNs(s: string): bigint | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(s);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  const frac = BigInt((m[2] ?? '').padEnd(9, '0'));
  return BigInt(ms) * 1_000_000n + frac;
}

const MAX_ARRAY_NESTING = 32;

export function decodeValue(value: unknown, opts: DecodeOptions = {}, out: DecodeResult = { events: [], skipped: [] }, rawLength?: number, depth = 0): DecodeResult {
  const max = opts.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE;
  const one = (item: unknown, len?: number) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      out.skipped.push({ reason: 'bad_event', detail: 'event is not a JSON object' });
      return;
    }
    const o = item as Record<string, unknown>;
    const ts = typeof o.stageTimestamp === 'string' ? parseTimestampNs(o.stageTimestamp) : undefined;
    if (ts === undefined) {
      out.skipped.push({ reason: 'bad_event', detail: "can't read stageTimestamp" });
      return;
    }
    // Only serialize to measure when the raw text could be over the limit.
    let json: string | undefined;
    if (len === undefined || len > max) {
      try {
        json = JSON.stringify(o);
      } catch (e) {
        out.skipped.push({ reason: 'bad_event', detail: `event cannot be serialized: ${(e as Error).message}` });
        return;
      }
      if (json.length > max) {
        out.skipped.push({ reason: 'too_large', detail: `event larger than maxEventSize: size=${json.length}` });
        return;
      }
    }
    out.events.push({ obj: o, tsNs: ts, num: (opts.firstNum ?? 1) + out.events.length, json });
  };
  if (Array.isArray(value)) {
    // Arrays of events may nest (the plugin accepts that), but not without bound.
    if (depth >= MAX_ARRAY_NESTING) {
      out.skipped.push({ reason: 'malformed', detail: `arrays nested deeper than ${MAX_ARRAY_NESTING}` });
      return out;
    }
    for (const v of value) decodeValue(v, opts, out, rawLength, depth + 1);
    return out;
  }
  const kind = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).kind : undefined;
  if (kind === 'EventList') {
    const items = (value as Record<string, unknown>).items;
    if (Array.isArray(items)) {
      // A serialized item is never longer than the payload it came in.
      for (const it of items) one(it, rawLength);
      return out;
    }
  } else if (kind === 'Event') {
    one(value, rawLength);
    return out;
  }
  out.skipped.push({ reason: 'unknown_kind', detail: `data not recognized as a k8s audit event (kind: ${typeof kind === 'string' ? kind : JSON.stringify(kind) ?? 'missing'})` });
  return out;
}

/** Decodes one payload (an HTTP body or one line of a file). */
export function decodePayload(text: string, opts: DecodeOptions = {}, out: DecodeResult = { events: [], skipped: [] }): DecodeResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    out.skipped.push({ reason: 'malformed', detail: `not valid JSON: ${(e as Error).message}` });
    return out;
  }
  return decodeValue(value, opts, out, text.length);
}

/**
 * Decodes a file's text: a whole JSON document (pretty-printed or not), else JSON lines
 * (one payload per line, as the plugin reads files).
 */
export function decodeText(text: string, opts: DecodeOptions = {}): DecodeResult {
  const out: DecodeResult = { events: [], skipped: [] };
  const t = text.trim();
  if (!t) return out;
  try {
    const v = JSON.parse(t);
    return decodeValue(v, opts, out, t.indexOf('\n') < 0 ? t.length : undefined);
  } catch {
    /* not one document: JSON lines */
  }
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    decodePayload(line, opts, out);
  }
  return out;
}

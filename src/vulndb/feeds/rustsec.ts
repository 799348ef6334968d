import { parse as parseToml } from 'smol-toml';
import type { FeedSink } from '../types.js';
import { FeedError } from './errors.js';
import { fixedFromRanges } from './nodejs-wg.js';
import type { Feed } from './feed.js';

/**
 * RustSec's native advisories (`crates/<crate>/RUSTSEC-YYYY-NNNN.md`): a ```toml front block
 * (`[advisory]` id, package, aliases, cvss, informational, withdrawn; `[versions]` patched,
 * unaffected as Cargo requirements) followed by Markdown whose first heading is the title.
 * Older advisories are plain `.toml`. `rust/` (the toolchain) is matched as crate names
 * std/… would be misleading; those are skipped.
 */
export const id = 'rustsec';

export function looksLikeRustSec(text: string): boolean {
  return /^```toml\s*\n\[advisory\]/.test(text.trimStart()) || /^\[advisory\]\s*\n/m.test(text.slice(0, 200));
}

interface RustToml {
  advisory?: {
    id?: string;
    package?: string;
    aliases?: string[];
    cvss?: string;
    url?: string;
    references?: string[];
    date?: string | { toString(): string };
    informational?: string;
    withdrawn?: string | { toString(): string };
    title?: string;
    description?: string;
  };
  versions?: { patched?: string[]; unaffected?: string[] };
  affected?: unknown;
}

export function parseRustSec(text: string, where: string, sink: FeedSink): boolean {
  let toml = text;
  let body = '';
  const fence = /^\s*```toml\s*\n([\s\S]*?)\n```\s*\n?([\s\S]*)$/.exec(text);
  if (fence) {
    toml = fence[1];
    body = fence[2];
  }
  let doc: RustToml;
  try {
    doc = parseToml(toml) as RustToml;
  } catch (e) {
    throw new FeedError(`RustSec advisory: bad TOML (${(e as Error).message.split('\n')[0]})`, where, e);
  }
  const adv = doc.advisory;
  if (!adv?.id || !adv.package) throw new FeedError('RustSec advisory without [advisory] id and package', where);
  if (adv.withdrawn) return false;
  // "unmaintained" and "notice" advisories flag every version of a crate without a flaw to fix;
  // cargo-audit shows them as warnings. "unsound" ones describe real memory-safety bugs: kept.
  if (adv.informational && adv.informational !== 'unsound') return false;
  if (/(^|[\\/])rust[\\/]/.test(where) && !/(^|[\\/])crates[\\/]/.test(where)) return false; // toolchain advisories
  const heading = /^#\s+(.+)$/m.exec(body);
  const description = heading ? body.slice(heading.index + heading[0].length).trim() : body.trim();
  const added = sink.vuln({
    id: adv.id,
    aliases: (adv.aliases ?? []).map(String),
    title: (adv.title ?? heading?.[1])?.trim() || undefined,
    description: (adv.description ?? description) || undefined,
    cvss: adv.cvss ? [{ vector: adv.cvss }] : [],
    references: [adv.url, ...(adv.references ?? []), `https://rustsec.org/advisories/${adv.id}.html`].filter((u): u is string => typeof u === 'string'),
    published: adv.date ? String(adv.date) : undefined,
  });
  if (!added) return false;
  const patched = (doc.versions?.patched ?? []).map(String);
  const unaffected = (doc.versions?.unaffected ?? []).map(String);
  sink.affected({
    vulnId: adv.id,
    namespace: 'crates.io',
    package: adv.package,
    ranges: [{ type: 'native', unaffected: [...patched, ...unaffected] }],
    fixed: fixedFromRanges(patched),
  });
  return true;
}

export const feed: Feed = { id, parseText: (text, where, sink) => (looksLikeRustSec(text) ? (parseRustSec(text, where, sink) ? 1 : 0) : undefined) };

import type { Package } from '../../core/types.js';
import type { AnalyzerInput } from '../types.js';
import { text } from '../lang-common/index.js';
import { gemPackage } from './purl.js';

/**
 * Installed gem specifications (`…/specifications/<name>-<version>.gemspec`). RubyGems writes them
 * from a template, so the assignments are literal: `s.name = "rack".freeze`, `s.version = "2.2.3"`,
 * `s.licenses = ["MIT".freeze]`. Reading Ruby needs no interpreter for that shape; a gemspec whose
 * values are computed (a project's own) gives no literal and is reported as unreadable.
 */
export function parseGemspec(file: AnalyzerInput): Package[] {
  const src = text(file.content);
  const block = /Gem::Specification\.new\s+do\s*\|\s*(\w+)\s*\|/.exec(src);
  if (!block) throw new Error('no Gem::Specification block');
  const v = block[1];
  const str = (attr: string) => {
    const m = new RegExp(`^\\s*${v}\\.${attr}\\s*=\\s*(["'])(.*?)\\1`, 'm').exec(src);
    return m?.[2];
  };
  const name = str('name');
  const version = str('version') ?? /^\s*\w+\.version\s*=\s*Gem::Version\.new\(\s*["']([^"']+)["']/m.exec(src)?.[1];
  if (!name) throw new Error('no literal name');
  if (!version) throw new Error('no literal version');
  const licenses: string[] = [];
  const lic = new RegExp(`^\\s*${v}\\.licenses?\\s*=\\s*(.+)$`, 'm').exec(src)?.[1] ?? '';
  for (const m of lic.replace(/#.*$/, '').matchAll(/(["'])(.*?)\1/g)) licenses.push(m[2]);
  return [gemPackage(name, version, file, licenses)];
}

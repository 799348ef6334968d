import type { Package } from '../../core/types.js';
import type { AnalyzerInput } from '../types.js';
import { parseJSON } from '../lang-common/index.js';
import { nugetPackage } from './purl.js';

interface DepsJson {
  runtimeTarget?: { name?: string };
  targets?: Record<string, Record<string, Record<string, unknown>>>;
  libraries?: Record<string, { type?: string }>;
}

const ASSETS = ['runtime', 'native', 'runtimeTargets', 'resources'];

/**
 * `<app>.deps.json`, written by the .NET SDK next to every built app: `libraries` keys are "Name/Version".
 * Reported: `package` libraries (NuGet packages) and `runtimepack` ones (the runtime a self-contained app
 * carries, e.g. Microsoft.NETCore.App.Runtime.linux-x64 — GHSA lists advisories against those names).
 * Not reported: `project` (the app and its project references) and `referenceassembly`. A package whose
 * entry in the runtime target lists no assets ships no code (`meta.noRuntimeAssets`), kept for the record.
 */
export function parseDepsJson(file: AnalyzerInput): Package[] {
  const doc = parseJSON(file.content) as DepsJson;
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw new Error('not a JSON object');
  const target = doc.runtimeTarget?.name ? doc.targets?.[doc.runtimeTarget.name] : undefined;
  const out: Package[] = [];
  const seen = new Set<string>();
  for (const [key, lib] of Object.entries(doc.libraries ?? {})) {
    const type = lib?.type;
    if (type !== 'package' && type !== 'runtimepack') continue;
    const slash = key.lastIndexOf('/');
    if (slash <= 0) continue;
    let name = key.slice(0, slash);
    const version = key.slice(slash + 1);
    const meta: Record<string, unknown> = {};
    if (type === 'runtimepack') {
      name = name.replace(/^runtimepack\./, '');
      meta.runtimePack = true;
    }
    const entry = target?.[key];
    if (target && entry && !ASSETS.some((a) => a in entry)) meta.noRuntimeAssets = true;
    const k = `${name}@${version}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(nugetPackage(name, version, file, Object.keys(meta).length ? meta : undefined));
  }
  return out;
}

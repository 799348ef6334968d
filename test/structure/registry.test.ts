import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../helpers.js';
import { allAnalyzers } from '../../src/analyze/registry.js';
import { allRuleMeta } from '../../src/misconfig/index.js';
import { builtinRules } from '../../src/secrets/rules/index.js';
import { FEEDS, FEED_HELPERS } from '../../src/vulndb/feeds/registry.js';
import { WRITERS } from '../../src/report/index.js';
import { SEVERITIES } from '../../src/core/severity.js';
import { ECOSYSTEMS, NEUTRAL_OS_ECOSYSTEMS, NON_ECOSYSTEM_PURL_TYPES } from '../../src/core/ecosystems.js';
import { SCHEMES, schemeFor } from '../../src/versions/index.js';
import { baseEcosystem, canonicalEcosystem, distroNamespace } from '../../src/vulndb/names.js';
import { DEFAULT_SOURCES } from '../../src/vulndb/update.js';
import { familyFromId, familyInfo } from '../../src/analyze/os/index.js';
import { readFileSync } from 'node:fs';

// In the manner of Renovate's module spec: every module folder is registered where the pipeline
// looks for it, and exports the common interface. A file added but not wired in fails here.

const src = (...p: string[]) => join(repoRoot, 'src', ...p);
const tsFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
const load = (p: string) => import(pathToFileURL(p).href) as Promise<Record<string, unknown>>;

test('every analyzer folder exports analyzers that are all registered, with the Analyzer interface', async () => {
  const registered = new Set(allAnalyzers.map((a) => a.id));
  assert.equal(registered.size, allAnalyzers.length, 'analyzer ids are unique');
  const folders = readdirSync(src('analyze'), { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'lang-common').map((d) => d.name).sort();
  assert.ok(folders.length >= 12, folders.join(','));
  for (const folder of folders) {
    const index = src('analyze', folder, 'index.ts');
    assert.ok(existsSync(index), `src/analyze/${folder}/index.ts`);
    const m = await load(index);
    const lists = Object.entries(m).filter(([k, v]) => /Analyzers$/.test(k) && Array.isArray(v)).flatMap(([, v]) => v as { id: string }[]);
    assert.ok(lists.length > 0, `src/analyze/${folder} exports a …Analyzers list`);
    for (const a of lists) assert.ok(registered.has(a.id), `analyzer ${a.id} (src/analyze/${folder}) is in allAnalyzers`);
  }
  for (const a of allAnalyzers) {
    assert.match(a.id, /^[a-z0-9-]+$/, a.id);
    assert.ok(Number.isInteger(a.version), `${a.id}.version`);
    assert.ok(['os', 'os-pkg', 'lang', 'secret', 'config'].includes(a.kind), `${a.id}.kind`);
    assert.equal(typeof a.wants, 'function', `${a.id}.wants`);
    assert.equal(typeof a.analyze, 'function', `${a.id}.analyze`);
  }
});

test('every misconfiguration rule file is registered in its pack, with the rule metadata', async () => {
  const meta = allRuleMeta();
  const ids = new Set(meta.map((r) => r.id));
  assert.equal(ids.size, meta.length, 'rule ids are unique');
  assert.equal(new Set(meta.map((r) => r.slug)).size, meta.length, 'rule slugs are unique');
  let files = 0;
  for (const pack of ['dockerfile', 'kubernetes', 'compose', 'image']) {
    for (const f of tsFiles(src('misconfig', pack, 'rules'))) {
      if (f.startsWith('_')) continue; // shared helpers of the pack
      const r = (await load(src('misconfig', pack, 'rules', f))).default as { id: string; check: unknown; type: string };
      assert.ok(r && typeof r.check === 'function', `src/misconfig/${pack}/rules/${f} default-exports a rule`);
      assert.ok(ids.has(r.id), `${r.id} (src/misconfig/${pack}/rules/${f}) is registered in ${pack}/rules.ts`);
      files++;
    }
  }
  assert.ok(files > 50, String(files));
  for (const r of meta) {
    assert.match(r.id, /^CG-[A-Z0-9]+-\d{3}$/, r.id);
    assert.ok(SEVERITIES.includes(r.severity), `${r.id}.severity`);
    for (const k of ['slug', 'title', 'why', 'fix'] as const) assert.ok(r[k]?.trim(), `${r.id}.${k}`);
    assert.ok(Array.isArray(r.aliases) && Array.isArray(r.references), `${r.id} aliases/references`);
  }
});

test('every secret rule file contributes to the built-in rules, each with metadata, regex and keywords', async () => {
  const ids = new Set(builtinRules.map((r) => r.id));
  assert.equal(ids.size, builtinRules.length, 'secret rule ids are unique');
  for (const f of tsFiles(src('secrets', 'rules'))) {
    if (f === 'index.ts' || f === 'define.ts') continue;
    const lists = Object.values(await load(src('secrets', 'rules', f))).filter((v): v is { id: string }[] => Array.isArray(v) && v.length > 0 && typeof (v[0] as { regex?: unknown }).regex === 'object');
    assert.ok(lists.length > 0, `src/secrets/rules/${f} exports a rule list`);
    for (const r of lists.flat()) assert.ok(ids.has(r.id), `${r.id} (src/secrets/rules/${f}) is in builtinRules`);
  }
  for (const r of builtinRules) {
    assert.ok(r.regex instanceof RegExp, `${r.id}.regex`);
    assert.ok(r.keywords.every((k) => k === k.toLowerCase()), `${r.id}.keywords are lower-case (none: a rule by path)`);
    assert.ok(SEVERITIES.includes(r.severity) && r.title.trim() && r.category.trim(), `${r.id} metadata`);
  }
});

test('every feed file exports a registered Feed', async () => {
  const registered = new Set(FEEDS.map((f) => f.id));
  assert.equal(registered.size, FEEDS.length, 'feed ids are unique');
  const files = tsFiles(src('vulndb', 'feeds')).map((f) => f.replace(/\.ts$/, '')).filter((f) => !FEED_HELPERS.includes(f));
  for (const name of files) {
    const m = await load(src('vulndb', 'feeds', `${name}.ts`));
    const feed = m.feed as { id: string; parseDocument?: unknown; parseText?: unknown } | undefined;
    assert.ok(feed, `src/vulndb/feeds/${name}.ts exports \`feed\` (or is listed in FEED_HELPERS)`);
    assert.equal(feed.id, m.id, `${name}: feed.id is the module's format id`);
    assert.ok(typeof feed.parseDocument === 'function' || typeof feed.parseText === 'function', `${name} parses something`);
    assert.ok(FEEDS.includes(feed as (typeof FEEDS)[number]), `${name} is in FEEDS (src/vulndb/feeds/registry.ts)`);
  }
  assert.equal(files.length, FEEDS.length, 'no feed registered twice or from elsewhere');
});

test('every report writer file is a registered format', async () => {
  const helpers = ['index', 'util', 'cvss', 'licenses', 'upgrades'];
  const writers = new Set(Object.values(WRITERS));
  for (const f of tsFiles(src('report'))) {
    const name = f.replace(/\.ts$/, '');
    if (helpers.includes(name)) continue;
    const fns = Object.entries(await load(src('report', f))).filter(([k, v]) => /^write[A-Z]/.test(k) && typeof v === 'function');
    assert.ok(fns.some(([, v]) => writers.has(v as never)), `src/report/${f} exports a writer registered in WRITERS`);
  }
});

/** Every .ts file under a folder (tests excluded), recursively. */
const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') && !d.name.endsWith('.test.ts') ? [join(dir, d.name)] : []);
const literals = (files: string[], re: RegExp) => new Set(files.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(re)].map((m) => m[1]!)));

test('one table of ecosystems: every version scheme, purl type we emit and DB ecosystem is in src/core/ecosystems.ts', () => {
  const byOsv = new Map(ECOSYSTEMS.map((e) => [e.osv, e]));
  assert.equal(byOsv.size, ECOSYSTEMS.length, 'OSV names are unique');
  const purlTypes = new Set([...ECOSYSTEMS.map((e) => e.purlType).filter(Boolean), ...NON_ECOSYSTEM_PURL_TYPES]);

  // Version schemes: each orders some ecosystem, and each ecosystem's names resolve to its scheme.
  for (const s of SCHEMES) assert.ok(ECOSYSTEMS.some((e) => e.scheme === s.id), `scheme ${s.id} is used by an ecosystem`);
  for (const e of ECOSYSTEMS) {
    if (!e.scheme) continue;
    for (const n of [e.osv, `${e.osv}:1`, ...(e.purlType ? [e.purlType] : []), ...e.aliases]) assert.equal(schemeFor(n).id, e.scheme, `${e.osv}: schemeFor(${n})`);
  }

  // purl types the analyzers and writers emit (literals in the source) are ecosystems or listed as not being one.
  const emitted = new Set([
    ...literals(sources(src()), /new PackageURL\(\s*'([a-z]+)'/g),
    ...literals(sources(src('analyze')), /purlType: '([a-z]+)'/g),
    ...Object.values(NEUTRAL_OS_ECOSYSTEMS),
  ]);
  assert.ok(emitted.size >= 10, [...emitted].join(','));
  for (const t of emitted) assert.ok(purlTypes.has(t), `purl type ${t} is in the ecosystem table`);

  // Ecosystems packages get (analyzers, OS families) and the namespaces the DB is keyed on.
  const dbEcosystems = new Set([
    ...literals(sources(src('analyze')), /ecosystem: '([^']+)'/g),
    ...DEFAULT_SOURCES.map((s) => /osv-vulnerabilities\.storage\.googleapis\.com\/([^/]+)\//.exec(s.url)?.[1]).filter((e): e is string => !!e).map(decodeURIComponent),
  ]);
  const families = ['debian', 'ubuntu', 'alpine', 'wolfi', 'chainguard', 'minimos', ...ECOSYSTEMS.flatMap((e) => e.families ?? [])];
  for (const id of ['rhel', 'centos', 'almalinux', 'amzn', 'ol', 'sles', 'opensuse-leap', 'photon', 'mariner', 'azurelinux', 'scientific']) {
    families.push(familyFromId(id));
    dbEcosystems.add(familyInfo(familyFromId(id))!.ecosystem);
  }
  for (const f of families) dbEcosystems.add(baseEcosystem(distroNamespace(f, '9.1')));
  for (const e of dbEcosystems) {
    if (Object.keys(NEUTRAL_OS_ECOSYSTEMS).includes(e)) continue; // dpkg/apk/rpm before the OS is known
    assert.ok(byOsv.has(e), `ecosystem ${e} is in the ecosystem table`);
    assert.equal(canonicalEcosystem(e.toLowerCase()), e, `canonicalEcosystem(${e.toLowerCase()})`);
  }
});

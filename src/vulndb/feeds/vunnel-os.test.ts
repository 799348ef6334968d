import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { buildDb } from '../build.js';
import { canonicalEcosystem, distroNamespace } from '../names.js';
import { openVulnDb } from '../store.js';
import { fixture, tempDir } from '../testing.js';
import { vunnelNamespace } from './vunnel-os.js';

test('vunnel namespaces, OSV distro ecosystems and image OS releases meet in one namespace', () => {
  const pairs: [string, string][] = [
    ['ubuntu:18.04', 'Ubuntu:18.04:LTS'], ['ubuntu:23.10', 'Ubuntu:23.10'], ['amzn:2', 'Amazon Linux:2'], ['amzn:2023', 'Amazon Linux:2023'],
    ['rhel:8', 'Red Hat:8'], ['rhel:8.6+eus', 'Red Hat:8.6+eus'], ['ol:8', 'Oracle Linux:8'], ['almalinux:8', 'AlmaLinux:8'],
    ['rockylinux:9', 'Rocky Linux:9'], ['sles:15.1', 'SUSE:15.1'], ['sles:15', 'SUSE:15'], ['photon:3.0', 'Photon OS:3.0'],
    ['mariner:1.0', 'Mariner:1.0'], ['mariner:3.0', 'Azure Linux:3.0'], ['azurelinux:3.0', 'Azure Linux:3.0'], ['wolfi:rolling', 'Wolfi'],
    ['chainguard:rolling', 'Chainguard'], ['debian:12', 'Debian:12'], ['alpine:3.18', 'Alpine:v3.18'],
  ];
  assert.deepEqual(pairs.map(([ns]) => vunnelNamespace(ns)), pairs.map(([, want]) => want));
  // The same releases as images report them (minor releases fold where the vendor publishes per major).
  assert.deepEqual(
    [['ubuntu', '18.04'], ['amazon', '2'], ['amazon', '2023.3.20240108'], ['amazon', '2018.03'], ['redhat', '8.9'], ['centos', '7.9.2009'], ['oracle', '8.9'],
      ['alma', '8.10'], ['rocky', '9.3'], ['sles', '15.1'], ['sles', '15.0'], ['photon', '3.0'], ['cbl-mariner', '2.0.20230630'], ['azurelinux', '3.0.20240727'], ['wolfi', '20230201']]
      .map(([f, v]) => distroNamespace(f, v)),
    ['Ubuntu:18.04:LTS', 'Amazon Linux:2', 'Amazon Linux:2023', 'Amazon Linux:1', 'Red Hat:8', 'Red Hat:7', 'Oracle Linux:8', 'AlmaLinux:8', 'Rocky Linux:9',
      'SUSE:15.1', 'SUSE:15', 'Photon OS:3.0', 'Mariner:2.0', 'Azure Linux:3.0', 'Wolfi'],
  );
  assert.deepEqual(
    ['SUSE:Linux Enterprise Server 15 SP5', 'SUSE:Linux Enterprise Server 12 SP5', 'openSUSE:Leap 15.5', 'openSUSE:Tumbleweed', 'Red Hat:enterprise_linux:9::baseos', 'AlmaLinux:8'].map(canonicalEcosystem),
    ['SUSE:15.5', 'SUSE:12.5', 'openSUSE:15.5', 'openSUSE:Tumbleweed', 'Red Hat:9', 'AlmaLinux:8'],
  );
});

test('every distribution fixture loads: formats, records, namespaces; a broken record names its file', async () => {
  const out = await buildDb({ output: join(tempDir(), 'db'), sources: [{ path: fixture('distros') }] });
  const s = out.sources[0];
  assert.deepEqual(s.formats, ['alpine-secdb', 'csaf-vex', 'epss', 'kev', 'nvd', 'osv', 'vunnel-os']);
  assert.deepEqual(out.warnings, []);
  const db = openVulnDb(out.output);
  const ns = db.info().namespaces.map((n) => n.namespace);
  assert.deepEqual(ns, [
    'AlmaLinux:8', 'AlmaLinux:9', 'Amazon Linux:2', 'Amazon Linux:2022', 'Amazon Linux:2023', 'Azure Linux:3.0', 'Mariner:1.0', 'Mariner:2.0',
    'Oracle Linux:10', 'Oracle Linux:5', 'Oracle Linux:6', 'Oracle Linux:8', 'Photon OS:1.0', 'Photon OS:3.0', 'Photon OS:4.0', 'Red Hat:7', 'Red Hat:8', 'Red Hat:9',
    'Rocky Linux:8', 'Rocky Linux:9', 'SUSE:15', 'SUSE:15.1', 'Ubuntu:12.04:LTS', 'Ubuntu:20.04:LTS', 'Ubuntu:22.04:LTS', 'Wolfi',
  ]);
  // ALAS ids keep their CVEs as aliases; Amazon's rating is on the row.
  assert.deepEqual(db.vuln('ALAS-2018-939')?.aliases, ['CVE-2017-5715', 'CVE-2017-5754']);
  assert.deepEqual(db.affected('Amazon Linux:2', 'perf').map((r) => [r.vulnId, r.status, r.fixed, r.severity]), [['ALAS-2018-939', 'fixed', ['4.9.76-38.79.amzn2'], 'CRITICAL']]);
  assert.deepEqual(db.epss('CVE-1999-0001'), { score: 0.00383, percentile: 0.73075, date: '2025-02-20' });
  assert.equal(db.kev('CVE-2025-0108')?.dateAdded, '2025-02-18');
  db.close();

  const bad = join(tempDir(), 'bad.json');
  writeFileSync(bad, JSON.stringify({ identifier: 'x', item: { Vulnerability: { NamespaceName: 'ol:8', FixedIn: [] } } }));
  await assert.rejects(buildDb({ output: join(tempDir(), 'db2'), sources: [{ path: bad }] }), /vunnel record without Vulnerability.Name/);
});

test("vunnel's sqlite result store (results.db) gives the same DB as its flat files", async () => {
  const { default: Database } = await import('better-sqlite3');
  const { readdirSync, readFileSync } = await import('node:fs');
  const dir = fixture('distros/vunnel/photon-4.0');
  // The store as vunnel's SQLiteStore lays it out: results(id PRIMARY KEY, record BLOB of the JSON envelope).
  const store = join(tempDir(), 'results.db');
  const sq = new Database(store);
  sq.exec('CREATE TABLE results (id VARCHAR NOT NULL PRIMARY KEY, record BLOB)');
  const ins = sq.prepare('INSERT INTO results (id, record) VALUES (?, ?)');
  for (const f of readdirSync(dir)) {
    const text = readFileSync(join(dir, f));
    ins.run(JSON.parse(text.toString()).identifier, text);
  }
  sq.close();
  const rows = async (path: string) => {
    const out = await buildDb({ output: join(tempDir(), 'db'), sources: [{ path }] });
    const db = openVulnDb(out.output);
    const r = ['curl', 'curl-libs', 'nghttp2', 'python3'].flatMap((p) => db.affected('Photon OS:4.0', p).map((x) => `${x.package} ${x.vulnId} ${x.status} ${x.fixed.join()}`));
    db.close();
    return { formats: out.sources[0].formats, records: out.sources[0].records, rows: r };
  };
  const flat = await rows(dir);
  assert.equal(flat.records, 4);
  assert.deepEqual(await rows(store), { ...flat, formats: ['vunnel-os'] });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dotnetAnalyzers } from './index.js';
import { nv, runFile } from '../lang-common/testing.js';

const td = (p: string) => fileURLToPath(new URL(`./testdata/${p}`, import.meta.url));
const L = 'sha256:layer1';
const DEPS = 'app/MyApp.deps.json';

test('.deps.json: NuGet packages and runtime packs, not projects or reference assemblies', async () => {
  const cases: [string, string[]][] = [
    ['snyk/VulnApp.deps.json', ['AutoMapper@13.0.1', 'Microsoft.Extensions.DependencyInjection.Abstractions@6.0.0', 'Microsoft.Extensions.Options@6.0.0', 'Microsoft.Extensions.Primitives@6.0.0', 'System.Runtime.CompilerServices.Unsafe@6.0.0']],
    ['snyk/SelfContained.deps.json', ['AutoMapper@13.0.1', 'Microsoft.NETCore.App.Runtime.linux-x64@8.0.27']],
    ['snyk/WithFramework.deps.json', ['Microsoft.NETCore.App.Runtime.linux-x64@8.0.0', 'Newtonsoft.Json@13.0.3']],
    ['syft/MyApp.deps.json', ['Newtonsoft.Json@13.0.3']],
    ['syft/TestLibrary.deps.json', ['AWSSDK.Core@3.7.10.6', 'Microsoft.Extensions.DependencyInjection.Abstractions@6.0.0', 'Microsoft.Extensions.DependencyInjection@6.0.0', 'Microsoft.Extensions.Logging.Abstractions@6.0.0', 'Microsoft.Extensions.Logging@6.0.0', 'Microsoft.Extensions.Options@6.0.0', 'Microsoft.Extensions.Primitives@6.0.0', 'Newtonsoft.Json@13.0.1', 'Serilog.Sinks.Console@4.0.1', 'Serilog@2.10.0', 'System.Diagnostics.DiagnosticSource@6.0.0', 'System.Runtime.CompilerServices.Unsafe@6.0.0']],
    ['trivy/happy.deps.json', ['Newtonsoft.Json@13.0.1']],
    ['trivy/ambiguous-root.deps.json', ['Newtonsoft.Json@13.0.3']],
    ['trivy/datacollector.deps.json', ['Newtonsoft.Json@9.0.1']],
    ['trivy/missing-target.deps.json', ['Newtonsoft.Json@13.0.1']],
    ['trivy/multi-project.deps.json', ['Newtonsoft.Json@13.0.3']],
    ['trivy/no-libraries.deps.json', []],
    ['trivy/self-contained.deps.json', ['Microsoft.AspNetCore.App.Runtime.linux-x64@8.0.0', 'Microsoft.NETCore.App.Runtime.linux-x64@8.0.0', 'Newtonsoft.Json@13.0.1']],
    ['trivy/without-runtime.deps.json', ['JsonDiffPatch@2.0.61', 'Libuv@1.9.1', 'Microsoft.NETCore.App@1.1.2', 'Microsoft.NETCore.Platforms@1.1.0', 'NETStandard.Library@1.6.0', 'System.Collections.Immutable@1.3.0', 'System.Net.Http@4.1.0']],
  ];
  for (const [f, want] of cases) {
    const r = await runFile(dotnetAnalyzers, td(f), DEPS, L);
    assert.deepEqual(r.warnings, [], f);
    assert.deepEqual(nv(r.packages), [...want].sort(), f);
    for (const p of r.packages) {
      assert.equal(p.ecosystem, 'NuGet');
      assert.deepEqual(p.locations, [{ path: DEPS, layer: L }]);
    }
  }
  const sc = await runFile(dotnetAnalyzers, td('trivy/self-contained.deps.json'), DEPS);
  const rt = sc.packages.find((p) => p.name === 'Microsoft.NETCore.App.Runtime.linux-x64')!;
  assert.equal(rt.purl, 'pkg:nuget/Microsoft.NETCore.App.Runtime.linux-x64@8.0.0');
  assert.deepEqual(rt.meta, { runtimePack: true });
  const wr = await runFile(dotnetAnalyzers, td('trivy/without-runtime.deps.json'), DEPS);
  assert.deepEqual(wr.packages.find((p) => p.name === 'System.Net.Http')?.meta, { noRuntimeAssets: true });
  assert.equal(wr.packages.find((p) => p.name === 'JsonDiffPatch')?.meta, undefined);
});

test('packages.lock.json: every framework, Project references left out (independently derived sets)', async () => {
  const expected = JSON.parse(readFileSync(td('expected-locks.json'), 'utf8')) as Record<string, string[]>;
  for (const [f, want] of Object.entries(expected)) {
    const r = await runFile(dotnetAnalyzers, td(f), 'src/packages.lock.json', L);
    assert.deepEqual(r.warnings, [], f);
    assert.deepEqual(nv(r.packages), want, f);
  }
  for (const f of ['trivy/packages_lock_simple.json', 'trivy/analyzer.packages.lock.json']) {
    const r = await runFile(dotnetAnalyzers, td(f), 'packages.lock.json');
    assert.deepEqual(nv(r.packages), ['Newtonsoft.Json@12.0.3', 'NuGet.Frameworks@5.7.0'], f);
  }
  const legacy = await runFile(dotnetAnalyzers, td('trivy/packages_lock_legacy.json'), 'packages.lock.json');
  assert.deepEqual(nv(legacy.packages), ['AWSSDK.Core@3.5.1.30', 'Newtonsoft.Json@12.0.3']);
});

test('corrupt .NET files warn with the file name', async () => {
  for (const f of ['trivy/invalid.deps.json', 'syft/glob-something.deps.json']) {
    const r = await runFile(dotnetAnalyzers, td(f), DEPS);
    assert.deepEqual(r.packages, [], f);
    assert.equal(r.warnings.length, 1, f);
    assert.equal(r.warnings[0].where, DEPS);
  }
});

test('wants: *.deps.json and packages.lock.json', () => {
  const wants = (p: string) => dotnetAnalyzers.filter((a) => a.wants(p, { size: 100, mode: 0o644 })).map((a) => a.id);
  assert.deepEqual(wants('app/MyApp.deps.json'), ['dotnet-deps']);
  assert.deepEqual(wants('src/packages.lock.json'), ['nuget-lock']);
  assert.deepEqual(wants('app/MyApp.runtimeconfig.json'), []);
});

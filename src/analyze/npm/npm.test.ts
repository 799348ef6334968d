import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { npmAnalyzers } from './index.js';
import { nv, runFile, runTree } from '../lang-common/testing.js';

const td = (p: string) => fileURLToPath(new URL(`./testdata/${p}`, import.meta.url));
const L = 'sha256:layer1';

// [fixture, path it has in the scanned tree, exact name@version set]
const cases: [string, string, string[]][] = [
  ['syft/pkg-lock/package-lock.json', 'app/package-lock.json', ['@actions/core@1.6.0', 'ansi-regex@3.0.0', 'async@3.2.4', 'cowsay@1.4.0', 'get-stdin@5.0.1', 'is-fullwidth-code-point@2.0.0', 'minimist@0.0.10', 'optimist@0.6.1', 'string-width@2.1.1', 'strip-ansi@4.0.0', 'strip-eof@1.0.0', 'wordwrap@0.0.3']],
  ['syft/pkg-lock/package-lock-2.json', 'app/package-lock.json', ['@types/prop-types@15.7.5', '@types/react@18.0.17', '@types/scheduler@0.16.2', 'async@3.2.4', 'csstype@3.1.0']],
  ['syft/pkg-lock/package-lock-3.json', 'app/package-lock.json', ['@types/prop-types@15.7.5', '@types/react@18.0.20', '@types/scheduler@0.16.2', 'async@3.2.4', 'csstype@3.1.1']],
  ['syft/pkg-lock/alias-package-lock-1.json', 'app/package-lock.json', ['@bundled-es-modules/chai@4.2.2', 'case@1.6.2', 'case@1.6.3']],
  ['syft/pkg-lock/alias-package-lock-2.json', 'app/package-lock.json', ['@bundled-es-modules/chai@4.2.2', 'case@1.6.2', 'case@1.6.3']],
  ['syft/pkg-lock/array-license-package-lock.json', 'app/package-lock.json', ['pause-stream@0.0.11', 'through@2.3.8']],
  ['syft/pkg-lock/nested-package-lock-1.json', 'app/package-lock.json', ['dev-nested@1.0.0', 'dev-parent@1.0.0', 'duplicate@1.0.0', 'middle@1.0.0', 'parent@1.0.0', 'shared@0.5.0', 'shared@1.0.0', 'shared@2.0.0']],
  ['trivy/parser/npm/package-lock_v3_with-same-dev-and-non-dev.json', 'package-lock.json', ['fsevents@1.2.9', 'minimist@0.0.8', 'mkdirp@0.5.1', 'node-pre-gyp@0.12.0']],
  ['trivy/parser/npm/package-lock_v3_with_legacy_licenses.json', 'package-lock.json', ['mustache@2.3.2', 'pause-stream@0.0.11', 'tv4@1.3.0']],
  ['trivy/parser/npm/package-lock_v3_with_peer.json', 'package-lock.json', ['lodash@4.17.21', 'mustache@2.3.2', 'triple-beam@1.4.1', 'winston-mail@2.0.0', 'winston@3.17.0']],
  ['trivy/parser/npm/package-lock_v3_with_workspace.json', 'package-lock.json', ['debug@2.5.2', 'debug@2.6.9', 'ms@0.7.2', 'ms@2.0.0']],
  ['trivy/parser/npm/package-lock_v3_with_workspace_as_object.json', 'package-lock.json', ['lodash@4.17.21']],
  ['trivy/parser/npm/package-lock_v3_without_root_deps_field.json', 'package-lock.json', ['debug@2.6.9', 'ms@2.0.0']],
  ['trivy/parser/npm/package-lock_v3_broken_link.json', 'package-lock.json', []],
  ['syft/yarn/yarn.lock', 'yarn.lock', ['@babel/code-frame@7.10.4', '@types/minimatch@3.0.3', '@types/qs@6.9.4', 'ajv@6.12.3', 'asn1.js@4.10.1', 'atob@2.1.2', 'aws-sdk@2.706.0', 'c0n-fab_u.laTION@7.7.7', 'jhipster-core@7.3.4']],
  ['syft/yarn-v1-deps/yarn.lock', 'yarn.lock', ['@babel/code-frame@7.10.4', '@types/minimatch@3.0.3', '@types/qs@6.9.4', 'ajv@6.12.3', 'asn1.js@4.10.1', 'atob@2.1.2', 'aws-sdk@2.706.0', 'c0n-fab_u.laTION@7.7.7', 'jhipster-core@7.3.4']],
  ['syft/yarn-dups/yarn.lock', 'yarn.lock', ['async@0.9.2', 'async@3.2.3', 'merge-objects@1.0.5', 'resize-observer-polyfill@1.5.2', 'should-type@1.3.0']],
  ['syft/yarn-dev-deps/yarn.lock', 'yarn.lock', ['dev-only-transitive@1.0.0', 'dev-pkg@1.0.0', 'prod-pkg@1.0.0', 'shared-pkg@1.0.0']],
  ['syft/yarn-remote/yarn.lock', 'yarn.lock', ['@babel/code-frame@7.10.4']],
  ['syft/yarn-berry/yarn.lock', 'yarn.lock', ['@babel/code-frame@7.10.4', '@types/minimatch@3.0.3', '@types/qs@6.9.4', 'ajv@6.12.3', 'asn1.js@4.10.1', 'atob@2.1.2', 'aws-sdk@2.706.0', 'jhipster-core@7.3.4']],
  ['syft/yarn-berry-dups/yarn.lock', 'yarn.lock', ['async@0.9.2', 'async@3.2.6']],
  ['syft/yarn-berry-dev-deps/yarn.lock', 'yarn.lock', ['dev-only-transitive@1.0.0', 'dev-pkg@1.0.0', 'prod-pkg@1.0.0', 'shared-pkg@1.0.0']],
  ['trivy/parser/yarn/yarn_happy.lock', 'yarn.lock', ['@babel/helper-regex@7.4.4', 'ansi-regex@2.1.1', 'ansi-regex@3.0.0', 'asap@2.0.6', 'inherits@2.0.3', 'is-fullwidth-code-point@2.0.0', 'jquery@3.4.1', 'js-tokens@4.0.0', 'lodash@4.17.11', 'promise@8.0.3', 'safe-buffer@5.1.2', 'safer-buffer@2.1.2', 'statuses@1.5.0', 'string-width@2.1.1', 'strip-ansi@3.0.1', 'strip-ansi@4.0.0', 'whatwg-fetch@3.0.0', 'wide-align@1.1.3']],
  ['trivy/parser/yarn/yarn_v2_happy.lock', 'yarn.lock', ['@types/color-name@1.1.1', 'abbrev@1.1.1', 'ansi-styles@3.2.1', 'ansi-styles@4.2.1', 'assert-plus@1.0.0', 'async@3.2.0', 'color-convert@1.9.3', 'color-convert@2.0.1', 'color-name@1.1.3', 'color-name@1.1.4', 'fsevents@2.1.3', 'ipaddr.js@1.9.1', 'js-tokens@4.0.0', 'loose-envify@1.4.0', 'node-gyp@7.1.0', 'once@1.4.0', 'wrappy@1.0.2']],
  ['trivy/parser/yarn/yarn_v2_deps_with_protocol.lock', 'yarn.lock', ['debug@4.3.4', 'ms@2.1.2']],
  ['trivy/parser/yarn/yarn_with_bad_protocol.lock', 'yarn.lock', ['asap@2.0.6', 'jquery@3.4.1']],
  ['trivy/parser/yarn/yarn_with_git.lock', 'yarn.lock', ['mapbox-gl-feature-drag-and-drop@1.1.1']],
  ['trivy/parser/yarn/yarn_with_local.lock', 'yarn.lock', ['asap@2.0.6', 'jquery@3.4.1', 'promise@8.0.3']],
  ['trivy/parser/yarn/yarn_with_npm.lock', 'yarn.lock', ['jquery@3.6.0']],
  ['syft/pnpm/pnpm-lock.yaml', 'pnpm-lock.yaml', ['@bcoe/v8-coverage@0.2.3']],
  ['syft/pnpm-remote/pnpm-lock.yaml', 'pnpm-lock.yaml', ['nanoid@3.3.4']],
  ['syft/pnpm-v5-peer-suffix/pnpm-lock.yaml', 'pnpm-lock.yaml', ['acorn-jsx@5.3.2', 'acorn@8.8.0', 'webpack-cli@4.10.0']],
  ['syft/pnpm-v6/pnpm-lock.yaml', 'pnpm-lock.yaml', ['@babel/core@7.21.4', '@testing-library/jest-dom@5.16.5', '@testing-library/react@13.4.0', '@testing-library/user-event@13.5.0', '@types/eslint@8.37.0', 'react-dom@18.2.0', 'react@18.2.0', 'read-cache@1.0.0', 'schema-utils@3.1.2', 'web-vitals@2.1.4']],
  ['syft/pnpm-v9/pnpm-lock.yaml', 'pnpm-lock.yaml', ['@babel/core@7.24.7', '@babel/helper-plugin-utils@7.24.7', 'is-positive@3.1.0', 'rollup@4.18.0']],
  ['syft/pnpm-v9-snapshots/pnpm-lock.yaml', 'pnpm-lock.yaml', ['cross-spawn@7.0.6', 'isexe@2.0.0', 'path-key@3.1.1', 'shebang-command@2.0.0', 'shebang-regex@3.0.0', 'which@2.0.2']],
  ['syft/pnpm-multi-doc/pnpm-lock.yaml', 'pnpm-lock.yaml', ['@pnpm/exe.linux-x64@12.0.0-rc.3', 'minimist@1.2.0', 'pnpm@12.0.0-rc.3']],
  ['trivy/parser/pnpm/pnpm-lock_normal.yaml', 'pnpm-lock.yaml', ['asap@2.0.6', 'jquery@3.6.0', 'promise@8.1.0']],
  ['trivy/parser/pnpm/pnpm-lock_v6.yaml', 'pnpm-lock.yaml', ['asap@2.0.6', 'jquery@3.6.0', 'promise@8.1.0']],
  ['trivy/parser/pnpm/pnpm-lock_archives.yaml', 'pnpm-lock.yaml', ['asynckit@0.4.0', 'debug@4.3.4', 'is-negative@2.0.1', 'lodash@4.17.21', 'ms@2.1.2']],
  ['trivy/parser/pnpm/pnpm-lock_v9.yaml', 'pnpm-lock.yaml', ['@babel/helper-string-parser@7.24.1', 'asap@2.0.6', 'await-sleep@0.0.1', 'debug@4.3.4', 'ee-first@1.1.1', 'encodeurl@1.0.2', 'escape-html@1.0.3', 'finalhandler@1.1.1', 'jquery@3.6.0', 'ms@2.0.0', 'ms@2.1.2', 'on-finished@2.3.0', 'parseurl@1.3.3', 'promise@8.1.0', 'sleep-utils@1.0.3', 'statuses@1.4.0', 'unpipe@1.0.0']],
  ['trivy/parser/pnpm/pnpm-lock_v9_cyclic_import.yaml', 'pnpm-lock.yaml', ['browserslist@4.23.0', 'caniuse-lite@1.0.30001627', 'electron-to-chromium@1.4.789', 'escalade@3.1.2', 'node-releases@2.0.14', 'picocolors@1.0.1', 'update-browserslist-db@1.0.16']],
  ['trivy/parser/pnpm/pnpm-lock_v9_multi_version.yaml', 'pnpm-lock.yaml', ['is-number@6.0.0', 'is-number@7.0.0']],
  ['trivy/parser/pnpm/pnpm-lock_v9_same-vers-diff-peers.yaml', 'pnpm-lock.yaml', ['jest-config@30.0.3', 'jest-pnp-resolver@1.2.3', 'jest-resolve@27.5.1', 'jest-resolve@30.0.2', 'jest-runner@27.5.1', 'jest-runner@30.0.3']],
  ['trivy/parser/pnpm/pnpm-lock_v9_multiple_documents.yaml', 'pnpm-lock.yaml', ['@pnpm/exe@11.9.0', '@pnpm/linux-arm64@11.9.0', '@pnpm/linux-x64@11.9.0', '@pnpm/linuxstatic-arm64@11.9.0', '@pnpm/linuxstatic-x64@11.9.0', '@pnpm/macos-arm64@11.9.0', '@pnpm/win-arm64@11.9.0', '@pnpm/win-x64@11.9.0', '@reflink/reflink-darwin-arm64@0.1.19', '@reflink/reflink-darwin-x64@0.1.19', '@reflink/reflink-linux-arm64-gnu@0.1.19', '@reflink/reflink-linux-arm64-musl@0.1.19', '@reflink/reflink-linux-x64-gnu@0.1.19', '@reflink/reflink-linux-x64-musl@0.1.19', '@reflink/reflink-win32-arm64-msvc@0.1.19', '@reflink/reflink-win32-x64-msvc@0.1.19', '@reflink/reflink@0.1.19', 'detect-libc@2.1.2', 'is-number@7.0.0', 'pnpm@11.9.0']],
];

const expressTree = ['@babel/parser@7.23.6', 'body-parser@1.18.3', 'debug@2.6.9', 'debug@2.6.9', 'express@4.16.4', 'ms@2.0.0', 'ms@2.0.0', 'ms@2.1.1'];

test('npm lockfiles (package-lock v1-v3, yarn classic and berry, pnpm v5-v9) give exact name@version sets', async () => {
  for (const [fixture, path, want] of cases) {
    const r = await runFile(npmAnalyzers, td(fixture), path, L);
    assert.deepEqual(r.warnings, [], fixture);
    assert.deepEqual(nv(r.packages), [...want].sort(), fixture);
    for (const p of r.packages) assert.deepEqual(p.locations, [{ path, layer: L }], fixture);
  }
});

test('package-lock v1, v2 and v3 of the same project agree', async () => {
  const sets = await Promise.all(['v1', 'v2', 'v3'].map(async (v) => nv((await runFile(npmAnalyzers, td(`trivy/parser/npm/package-lock_${v}.json`), 'package-lock.json')).packages)));
  assert.equal(sets[0].length, 31);
  assert.ok(sets[0].includes('ms@0.7.2') && sets[0].includes('ms@1.0.0') && sets[0].includes('ms@2.0.0'));
  assert.deepEqual(sets[1], sets[0]);
  assert.deepEqual(sets[2], sets[0]);
});

test('large pnpm lockfiles match the independently derived sets', async () => {
  const expected = JSON.parse(readFileSync(td('expected-large.json'), 'utf8')) as Record<string, string[]>;
  for (const [fixture, want] of Object.entries(expected)) {
    const r = await runFile(npmAnalyzers, td(fixture), 'pnpm-lock.yaml');
    assert.deepEqual(nv(r.packages), want, fixture);
  }
});

test('installed node_modules: nested duplicates, scoped packages, exact file locations, licences, PURLs', async () => {
  const r = await runTree(npmAnalyzers, td('trivy/analyzer/npm/happy'), L);
  const installed = r.packages.filter((p) => p.locations[0].path.endsWith('/package.json'));
  assert.deepEqual(nv(installed), expressTree);
  const loc = installed.map((p) => `${p.name}@${p.version} ${p.locations[0].path}`).sort();
  assert.deepEqual(loc, [
    '@babel/parser@7.23.6 node_modules/@babel/parser/package.json',
    'body-parser@1.18.3 node_modules/body-parser/package.json',
    'debug@2.6.9 node_modules/body-parser/node_modules/debug/package.json',
    'debug@2.6.9 node_modules/express/node_modules/debug/package.json',
    'express@4.16.4 node_modules/express/package.json',
    'ms@2.0.0 node_modules/body-parser/node_modules/ms/package.json',
    'ms@2.0.0 node_modules/express/node_modules/ms/package.json',
    'ms@2.1.1 node_modules/ms/package.json',
  ]);
  const babel = installed.find((p) => p.name === '@babel/parser')!;
  assert.equal(babel.purl, 'pkg:npm/%40babel/parser@7.23.6');
  assert.equal(babel.ecosystem, 'npm');
  assert.deepEqual(babel.licenses, ['MIT']);
  assert.equal(babel.locations[0].layer, L);
  // the lockfile beside it is read too, and dev dependencies are marked
  const lock = r.packages.filter((p) => p.locations[0].path === 'package-lock.json');
  assert.ok(lock.length > 0);
});

test('wants: installed package.json only directly under node_modules; lockfiles outside node_modules', () => {
  const wants = (p: string) => npmAnalyzers.filter((a) => a.wants(p, { size: 100, mode: 0o644 })).map((a) => a.id);
  assert.deepEqual(wants('usr/lib/node_modules/npm/node_modules/@npmcli/arborist/package.json'), ['npm-package-json']);
  assert.deepEqual(wants('app/node_modules/.pnpm/ms@2.1.3/node_modules/ms/package.json'), ['npm-package-json']);
  assert.deepEqual(wants('app/package.json'), []); // the project itself is not a dependency
  assert.deepEqual(wants('app/node_modules/foo/dist/esm/package.json'), []);
  assert.deepEqual(wants('app/node_modules/foo/package-lock.json'), []);
  assert.deepEqual(wants('app/package-lock.json'), ['npm-package-lock']);
  assert.deepEqual(wants('app/node_modules/.package-lock.json'), []);
  assert.deepEqual(wants('yarn.lock'), ['yarn-lock']);
  assert.deepEqual(wants('srv/pnpm-lock.yaml'), ['pnpm-lock']);
});

test('corrupt npm files give a warning naming the file and no packages', async () => {
  for (const [fixture, path] of [
    ['syft/corrupt/package-lock.json', 'app/package-lock.json'],
    ['syft/corrupt/pnpm-lock.yaml', 'app/pnpm-lock.yaml'],
    ['syft/corrupt/package.json', 'app/node_modules/x/package.json'],
  ]) {
    const r = await runFile(npmAnalyzers, td(fixture), path);
    assert.deepEqual(r.packages, [], fixture);
    assert.equal(r.warnings.length, 1, fixture);
    assert.equal(r.warnings[0].where, path);
  }
  const [a] = npmAnalyzers.filter((x) => x.id === 'yarn-lock');
  const r = await a.analyze({ path: 'y/yarn.lock', size: 20, mode: 0o644, content: Buffer.from('"a@^1":\n  version "1.0.0"\ngarbage line\n') });
  assert.equal(r?.warnings?.[0].where, 'y/yarn.lock');
});

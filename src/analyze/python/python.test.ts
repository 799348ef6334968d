import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { pythonAnalyzers as defaultPythonAnalyzers, pythonRecordAnalyzer } from './index.js';
import { mergeFileLists } from '../lang.js';
import { nv, runFile, runTree } from '../lang-common/testing.js';

const pythonAnalyzers = [...defaultPythonAnalyzers, pythonRecordAnalyzer];
const td = (p: string) => fileURLToPath(new URL(`./testdata/${p}`, import.meta.url));
const L = 'sha256:layer1';

const flask = ['click@8.0.0', 'flask@2.0.0', 'itsdangerous@2.0.0', 'jinja2@3.0.0', 'markupsafe@2.0.0', 'werkzeug@2.0.0'];
const pytestFlask = ['atomicwrites@1.4.1', 'attrs@25.1.0', 'click@8.1.8', 'colorama@0.4.6', 'flask@1.0.3', 'itsdangerous@2.2.0', 'jinja2@3.1.5', 'markupsafe@3.0.2', 'more-itertools@10.6.0', 'packaging@24.2', 'pluggy@0.13.1', 'py@1.11.0', 'pytest@5.4.3', 'wcwidth@0.2.13', 'werkzeug@3.1.3'];
const httpxExtras = ['anyio@4.3.0', 'brotli@1.1.0', 'brotlicffi@1.1.0.0', 'certifi@2024.2.2', 'cffi@1.16.0', 'h11@0.14.0', 'h2@4.1.0', 'hpack@4.0.0', 'httpcore@1.0.5', 'httpx@0.27.0', 'hyperframe@6.0.1', 'idna@3.7', 'pycparser@2.22', 'sniffio@1.3.1', 'socksio@1.0.0'];

const cases: [string, string, string[]][] = [
  // poetry.lock
  ['syft/poetry/simple-deps/poetry.lock', 'poetry.lock', ['certifi@2024.2.2', 'charset-normalizer@3.3.2', 'idna@3.7', 'requests@2.32.2', 'urllib3@2.2.1']],
  ['syft/poetry/case-sensitivity/poetry.lock', 'poetry.lock', ['dj-rest-auth@7.0.1', 'django@5.2.6', 'djangorestframework@3.16.1']],
  ['syft/poetry/dev-deps/poetry.lock', 'poetry.lock', ['added-value@0.14.2', 'alabaster@0.7.12', 'appnope@0.1.0', 'asciitree@0.3.3']],
  ['syft/poetry/multiple-extras/poetry.lock', 'poetry.lock', httpxExtras],
  ['syft/poetry/conflicting-with-extras/poetry.lock', 'poetry.lock', [...httpxExtras, 'click@7.1.2', 'colorama@0.4.6', 'pprintpp@0.4.0', 'pygments@1.6', 'rich@0.3.3', 'typing-extensions@3.10.0.2']],
  ['syft/pypi-remote/poetry.lock', 'poetry.lock', ['certifi@2025.10.5']],
  ['trivy/parser/poetry/poetry_normal.lock', 'poetry.lock', ['pypi@2.1']],
  ['trivy/parser/poetry/poetry_flask.lock', 'poetry.lock', pytestFlask],
  ['trivy/parser/poetry/poetry_v2_flask.lock', 'poetry.lock', pytestFlask],
  // uv.lock (the project itself, source virtual/editable, is not a dependency)
  ['syft/uv/simple-deps/uv.lock', 'uv.lock', ['certifi@2025.1.31', 'charset-normalizer@3.4.1', 'idna@3.10', 'requests@2.32.3', 'urllib3@2.3.0']],
  ['syft/uv/multiple-extras/uv.lock', 'uv.lock', ['anyio@4.9.0', 'brotli@1.1.0', 'brotlicffi@1.1.0.0', 'certifi@2025.1.31', 'cffi@1.17.1', 'h11@0.14.0', 'h2@4.2.0', 'hpack@4.1.0', 'httpcore@1.0.7', 'httpx@0.28.1', 'hyperframe@6.1.0', 'idna@3.10', 'pycparser@2.22', 'sniffio@1.3.1', 'socksio@1.0.0', 'typing-extensions@4.13.0']],
  ['syft/pypi-remote/uv.lock', 'uv.lock', ['certifi@2025.10.5']],
  ['trivy/parser/uv/uv_multiple_roots.lock', 'uv.lock', ['asyncio@3.4.3']],
  ['trivy/parser/uv/uv_without_root.lock', 'uv.lock', ['asyncio@3.4.3']],
  ['trivy/parser/uv/uv_normal.lock', 'uv.lock', ['anyio@4.7.0', 'certifi@2024.12.14', 'charset-normalizer@3.4.0', 'colorama@0.4.6', 'exceptiongroup@1.2.2', 'h11@0.14.0', 'httpcore@1.0.7', 'httpx@0.28.1', 'idna@3.10', 'iniconfig@2.0.0', 'orjson@3.10.12', 'packaging@24.2', 'pluggy@1.5.0', 'pytest@8.3.4', 'requests@2.32.0', 'sniffio@1.3.1', 'socksio@1.0.0', 'tomli@2.2.1', 'typing-extensions@4.12.2', 'urllib3@2.2.3']],
  // Pipfile.lock (default + develop)
  ['syft/pipfile-lock/Pipfile.lock', 'Pipfile.lock', ['aio-pika@6.8.0', 'aiodns@2.0.0', 'aiohttp-jinja2@1.4.2', 'aiohttp@3.7.4.post0', 'astroid@2.5.2', 'autopep8@1.5.6']],
  ['trivy/parser/pipenv/Pipfile_normal.lock', 'Pipfile.lock', ['certifi@2019.3.9', 'chardet@3.0.4', 'idna@2.8', 'pyyaml@5.1', 'requests@2.21.0', 'urllib3@1.24.2']],
  ['trivy/parser/pipenv/Pipfile_django.lock', 'Pipfile.lock', ['certifi@2019.3.9', 'chardet@3.0.4', 'django@2.2', 'djangorestframework@3.9.3', 'idna@2.8', 'pytz@2019.1', 'pyyaml@5.1', 'requests@2.21.0', 'sqlparse@0.3.0', 'urllib3@1.24.2']],
  ['trivy/parser/pipenv/Pipfile_many.lock', 'Pipfile.lock', ['awscli@1.16.147', 'botocore@1.12.137', 'certifi@2019.3.9', 'chardet@3.0.4', 'colorama@0.3.9', 'django@2.2', 'djangorestframework@3.9.3', 'docutils@0.14', 'framework@0.1.0', 'idna@2.8', 'jinja2@2.10.1', 'jmespath@0.9.4', 'markupsafe@1.1.1', 'pyasn1@0.4.5', 'python-dateutil@2.8.0', 'pytz@2019.1', 'pyyaml@3.13', 'requests@2.21.0', 'rsa@3.4.2', 's3transfer@0.2.0', 'simplejson@3.16.0', 'six@1.12.0', 'sqlparse@0.3.0', 'urllib3@1.24.2']],
  // pinned requirements (only == / === pins; names PEP 503-normalised)
  ['syft/requires/requirements.txt', 'requirements.txt', ['argh@0.26.2', 'argh@0.26.3', 'celery@4.4.7', 'dots-allowed@1.0.0', 'flask@4.0.0', 'foo@1.0.0', 'friendly-bard@1.0.0', 'githubsampleproject@3.7.1', 'local-version@1.2.3+gcr.2', 'someproject@5.4', 'urllib3@1.26.20']],
  ['trivy/parser/pip/requirements_flask.txt', 'requirements.txt', flask],
  ['trivy/parser/pip/requirements_comments.txt', 'requirements-dev.txt', ['click@8.0.0', 'flask@2.0.0', 'jinja2@3.0.0', 'markupsafe@2.0.0']],
  ['trivy/parser/pip/requirements_spaces.txt', 'requirements.txt', ['click@8.0.0', 'flask@2.0.0', 'itsdangerous@2.0.0', 'jinja2@3.0.0']],
  ['trivy/parser/pip/requirement_exstras.txt', 'requirements.txt', ['celery@4.4.7', 'pyjwt@2.1.0']],
  ['trivy/parser/pip/requirements_hash.txt', 'requirements.txt', ['fooproject@1.2', 'jinja2@3.0.0']],
  ['trivy/parser/pip/requirements_hyphens.txt', 'requirements.txt', ['oauth2-client@4.0.0', 'python-gitlab@2.0.0']],
  ['trivy/parser/pip/requirements_no_version.txt', 'requirements.txt', ['flask@2.0.0']],
  ['trivy/parser/pip/requirements_operator.txt', 'requirements.txt', ['django@2.3.4', 'someproject@5.4']],
  ['trivy/parser/pip/requirements_utf16le.txt', 'requirements.txt', ['attrs@20.3.0']],
  ['trivy/parser/pip/requirements_compatible.txt', 'requirements.txt', []],
  ['trivy/parser/pip/requirements_with_templating_engine.txt', 'requirements.txt', []],
  // single metadata files
  ['trivy/parser/packaging/distlib-0.3.1-py3.9.egg-info', 'usr/lib/python3/dist-packages/distlib-0.3.1-py3.9.egg-info', ['distlib@0.3.1']],
  ['trivy/parser/packaging/setuptools-51.3.3-py3.8.egg-info.PKG-INFO', 'site-packages/setuptools-51.3.3-py3.8.egg-info/PKG-INFO', ['setuptools@51.3.3']],
  ['trivy/parser/packaging/unidecode-egg-info.PKG-INFO', 'site-packages/Unidecode-0.4.1.egg-info/PKG-INFO', ['unidecode@0.4.1']],
  ['trivy/parser/packaging/asyncssh-2.14.2.METADATA', 'site-packages/asyncssh-2.14.2.dist-info/METADATA', ['asyncssh@2.14.2']],
  ['trivy/parser/packaging/networkx-3.0.METADATA', 'site-packages/networkx-3.0.dist-info/METADATA', ['networkx@3.0']],
  ['trivy/parser/packaging/pyphen-0.14.0.METADATA', 'site-packages/pyphen-0.14.0.dist-info/METADATA', ['pyphen@0.14.0']],
  ['trivy/parser/packaging/zipp-3.12.1.METADATA', 'site-packages/zipp-3.12.1.dist-info/METADATA', ['zipp@3.12.1']],
  ['trivy/parser/packaging/simple-0.1.0.METADATA', 'site-packages/simple-0.1.0.dist-info/METADATA', ['simple@0.1.0']],
  ['trivy/parser/packaging/iniconfig-2.0.0.METADATA', 'site-packages/iniconfig-2.0.0.dist-info/METADATA', ['iniconfig@2.0.0']],
  ['syft/Python-2.7.egg-info', 'usr/lib/python2.7/lib-dynload/Python-2.7.egg-info', ['python@2.7.13']],
  ['syft/empty-1.0.0-py3.8.egg-info', 'site-packages/empty-1.0.0-py3.8.egg-info', []],
];

test('Python lockfiles, requirements and metadata files give exact name@version sets', async () => {
  for (const [fixture, path, want] of cases) {
    const r = await runFile(pythonAnalyzers, td(fixture), path, L);
    assert.deepEqual(r.warnings, [], fixture);
    assert.deepEqual(nv(r.packages), [...want].sort(), fixture);
    for (const p of r.packages) {
      assert.deepEqual(p.locations, [{ path, layer: L }], fixture);
      assert.equal(p.ecosystem, 'PyPI');
    }
  }
});

test('installed distributions: dist-info, egg-info dir and file, upper-case dirs; licences; PEP 503 names', async () => {
  const r = await runTree(pythonAnalyzers, td('syft/site-packages'), L);
  const pkgs = mergeFileLists(r.packages);
  assert.deepEqual(
    pkgs.map((p) => `${p.name}@${p.version} ${p.locations[0].path}`).sort(),
    [
      'pygments@2.6.1 license/with-license-file-declared.dist-info/METADATA',
      'pygments@2.6.1 license/without-license-file-declared.dist-info/METADATA',
      'pygments@2.6.1 malformed-record/dist-info/METADATA',
      'pygments@2.6.1 nested/dist-name/dist-info/METADATA',
      'pygments@2.6.1 partial.dist-info/METADATA',
      'pygments@2.6.1 uppercase/dist-name/DIST-INFO/METADATA',
      'requests@2.22.0 nested/egg-name/egg-info/PKG-INFO',
      'requests@2.22.0 test/test.egg-info',
      'requests@2.22.0 uppercase/egg-name/EGG-INFO/PKG-INFO',
    ],
  );
  // a metadata file without a Version is reported, not guessed
  assert.deepEqual(r.warnings, [{ what: 'invalid Python package metadata: no Version field', where: 'no-version/no-version-py3.8.egg-info' }]);
  const pyg = pkgs.find((p) => p.locations[0].path === 'license/with-license-file-declared.dist-info/METADATA')!;
  assert.equal(pyg.purl, 'pkg:pypi/pygments@2.6.1');
  assert.deepEqual(pyg.licenses, ['BSD License']);
  assert.equal(pyg.meta?.declaredName, 'Pygments');
  // RECORD's file list lands on the package (meta.installedFiles), paths resolved against site-packages
  const installed = pyg.meta?.installedFiles as string[];
  assert.ok(installed.includes('license/pygments/util.py'), JSON.stringify(installed));
  assert.ok(installed.includes('bin/pygmentize'), JSON.stringify(installed));
  assert.equal(pyg.files, undefined); // `files` is an OS package's list for the ownership step
  const req = pkgs.find((p) => p.locations[0].path === 'test/test.egg-info')!;
  assert.deepEqual(req.licenses, ['Apache 2.0']);
});

test('real site-packages from snyk fixtures (two versions side by side, non-semver versions)', async () => {
  const installed = async (dir: string) => nv((await runTree(pythonAnalyzers, td(dir))).packages.filter((p) => !p.locations[0].path.endsWith('.txt')));
  assert.deepEqual(await installed('snyk/ok'), ['click@8.1.3', 'flask@2.2.1', 'itsdangerous@2.1.2', 'jinja2@3.1.2', 'markupsafe@2.1.1', 'pip@22.2.1', 'rpc-py@0.4.2', 'setuptools@63.2.0', 'six@1.16.0', 'werkzeug@2.2.1', 'wheel@0.37.1']);
  const nonSemver = await installed('snyk/non-semver-versions');
  for (const x of ['flask@2.2.1.post11545', 'other-py@7.4.2.15', 'other-py@7.4.2.3', 'six@1.16', 'six@1.17']) assert.ok(nonSemver.includes(x), x);
});

test('licences from License-Expression, License and classifiers', async () => {
  const lic = async (f: string) => (await runFile(pythonAnalyzers, td(f), 'x.dist-info/METADATA')).packages[0].licenses;
  assert.deepEqual(await lic('trivy/analyzer/packaging/classifier-license-dist/setuptools-51.3.3.dist-info/METADATA'), ['MIT License']);
  assert.deepEqual(await lic('trivy/parser/packaging/iniconfig-2.0.0.METADATA'), ['MIT']);
});

test('RECORD is not in the default list (its marker entries need mergeFileLists)', async () => {
  assert.ok(!defaultPythonAnalyzers.some((a) => a.id === 'python-record'));
  const r = await runTree(defaultPythonAnalyzers, td('syft/site-packages/license'));
  assert.deepEqual(nv(r.packages), ['pygments@2.6.1', 'pygments@2.6.1']);
});

test('wants: metadata, RECORD, lockfiles and requirements by name', () => {
  const wants = (p: string) => pythonAnalyzers.filter((a) => a.wants(p, { size: 100, mode: 0o644 })).map((a) => a.id);
  assert.deepEqual(wants('usr/lib/python3.11/site-packages/Flask-2.0.0.dist-info/METADATA'), ['python-metadata']);
  assert.deepEqual(wants('usr/lib/python3.11/site-packages/Flask-2.0.0.dist-info/RECORD'), ['python-record']);
  assert.deepEqual(wants('usr/lib/python3/dist-packages/six-1.16.0.egg-info'), ['python-metadata']);
  assert.deepEqual(wants('usr/lib/python3/dist-packages/six-1.16.0.egg-info/PKG-INFO'), ['python-metadata']);
  assert.deepEqual(wants('src/1-requirements-dev.txt'), ['pip-requirements']);
  assert.deepEqual(wants('src/poetry.lock'), ['poetry-lock']);
  assert.deepEqual(wants('src/uv.lock'), ['uv-lock']);
  assert.deepEqual(wants('src/Pipfile.lock'), ['pipfile-lock']);
  assert.deepEqual(wants('src/setup.py'), []);
  assert.deepEqual(wants('x/METADATA'), []);
});

test('corrupt Python files give a warning naming the file', async () => {
  const r = await runTree(pythonAnalyzers, td('syft/glob-paths'));
  assert.deepEqual(r.packages, []);
  assert.deepEqual(r.warnings.map((w) => w.where).sort(), [
    'site-packages/v.DIST-INFO/METADATA', 'site-packages/w.EGG-INFO/PKG-INFO', 'site-packages/x.dist-info/METADATA',
    'site-packages/y.egg-info/PKG-INFO', 'site-packages/z.egg-info', 'src/Pipfile.lock', 'src/poetry.lock', 'src/uv.lock',
  ]);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scanDockerfile } from './index.js';
import { splitShell } from './shell.js';

const ids = (text: string) => scanDockerfile(text, 'Dockerfile').findings.map((f) => `${f.id}@${f.location.line}`);
const has = (text: string, id: string) => scanDockerfile(text, 'Dockerfile').findings.filter((f) => f.id === id || f.aliases.includes(id)).map((f) => f.location.line);

test('shell splitting keeps operators, quotes and continuation lines', () => {
  const cs = splitShell(`apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "curl" \\\n  wget; curl -s https://x | sh`);
  assert.deepEqual(cs.map((c) => [c.words, c.next]), [
    [['apt-get', 'update'], '&&'],
    [['apt-get', 'install', '-y', 'curl', 'wget'], ';'],
    [['curl', '-s', 'https://x'], '|'],
    [['sh'], ''],
  ]);
});

test('a realistic multi-stage Dockerfile: exact ids and lines', () => {
  const df = [
    'FROM golang:1.22 AS build', // 1
    'WORKDIR /src', // 2
    'COPY . .', // 3
    'RUN go build -o /out/app ./cmd/app', // 4
    'FROM debian:latest', // 5
    'RUN apt-get update', // 6
    'RUN apt-get install curl && curl -fsSL https://get.example.com | sh', // 7
    'COPY --from=builder /out/app /usr/local/bin/app', // 8
    'EXPOSE 22 8080', // 9
    'ENV DB_PASSWORD=hunter2', // 10
    'USER root', // 11
    'CMD app --serve', // 12
  ].join('\n');
  assert.deepEqual(ids(df).sort(), [
    'CG-DF-002@5', // latest
    'CG-DF-003@11', // last USER root
    'CG-DF-005@9', // port 22
    'CG-DF-019@6', // update alone
    'CG-DF-022@7', // no -y
    'CG-DF-027@5', // no HEALTHCHECK (reported on the final FROM)
    'CG-DF-029@7', // no --no-install-recommends
    'CG-DF-031@10', // secret in ENV
    'CG-DF-032@7', // unpinned apt
    'CG-DF-033@7', // apt lists left
    'CG-DF-034@7', // curl | sh
    'CG-DF-041@12', // shell-form CMD
    'CG-DF-042@8', // COPY --from unknown stage
    'CG-DF-062@7', // pipe without pipefail
  ].sort());
});

test('BuildKit heredoc RUN: commands inside the heredoc are checked, lines are the RUN start', () => {
  const df = 'FROM alpine:3.19\nRUN <<EOF\nset -e\napk add curl\ncd /tmp\nEOF\nUSER 10001\nHEALTHCHECK CMD true\n';
  assert.deepEqual(ids(df).sort(), ['CG-DF-015@2', 'CG-DF-026@2', 'CG-DF-037@2']);
  // A heredoc fed to another program is not shell.
  assert.deepEqual(has('FROM alpine:3.19\nRUN python3 <<EOF\nimport os; os.chdir("/")\ncd = 1\nEOF\nUSER 1\n', 'CG-DF-015'), []);
});

test('inline ignores: coastguard ids, slugs and hadolint ids; file-wide ignores', () => {
  const df = [
    'FROM ubuntu:22.04',
    '# coastguard:ignore=CG-DF-022,apt-pin',
    '# hadolint ignore=DL3015',
    'RUN apt-get install curl && rm -rf /var/lib/apt/lists/*',
    'RUN apt-get install wget && rm -rf /var/lib/apt/lists/*',
    '# coastguard:ignore-file=CG-DF-027',
    'USER app',
  ].join('\n');
  assert.deepEqual(ids(df).sort(), ['CG-DF-022@5', 'CG-DF-029@5', 'CG-DF-032@5']);
});

test('stage names, scratch, digests and ARG-based images are not "untagged"', () => {
  const df = 'ARG BASE=debian:12\nFROM $BASE AS a\nFROM a AS b\nFROM scratch\nFROM alpine@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\nUSER 1\n';
  assert.deepEqual(has(df, 'DL3006'), []);
  assert.deepEqual(has('FROM ubuntu\nUSER 1\n', 'DL3006'), [1]);
});

test('package pinning rules across managers', () => {
  assert.deepEqual(has('FROM a:1\nRUN apk add --no-cache curl=8.5.0-r0 --virtual .deps git\n', 'DL3018'), [2]);
  assert.deepEqual(has('FROM a:1\nRUN apk add --no-cache --virtual .deps curl=8.5.0-r0\n', 'DL3018'), []);
  assert.deepEqual(has('FROM a:1\nRUN pip install --no-cache-dir -r requirements.txt flask==3.0.0\n', 'DL3013'), []);
  assert.deepEqual(has('FROM a:1\nRUN pip3 install requests\n', 'DL3013'), [2]);
  assert.deepEqual(has('FROM a:1\nRUN npm install -g typescript@5.4.5 && npm ci\n', 'DL3016'), []);
  assert.deepEqual(has('FROM a:1\nRUN npm install express\n', 'DL3016'), [2]);
  assert.deepEqual(has('FROM a:1\nRUN gem install bundler -v 2.5.6 && gem install rake:13.0\n', 'DL3028'), []);
  assert.deepEqual(has('FROM a:1\nRUN yum install -y httpd && yum clean all\n', 'DL3033'), [2]);
  assert.deepEqual(has('FROM a:1\nRUN go install golang.org/x/tools/cmd/goimports@latest\n', 'DL3062'), [2]);
});

test('malformed Dockerfile: a warning naming file:line, the rest is still checked', () => {
  const r = scanDockerfile('FROM debian:12\nBOGUS thing\nUSER root\n', 'svc/Dockerfile');
  assert.deepEqual(r.warnings, [{ what: 'malformed Dockerfile: unknown instruction "BOGUS"', where: 'svc/Dockerfile:2', notChecked: 'file' }]);
  assert.ok(r.findings.some((f) => f.id === 'CG-DF-003' && f.location.line === 3));
  const none = scanDockerfile('just some text\n', 'x/Dockerfile');
  assert.deepEqual(none.findings, []);
  assert.equal(none.warnings.length, 2);
});

test('findings carry aliases, a stable fingerprint and the fix', () => {
  const [a] = scanDockerfile('FROM node:latest\nUSER 1\nHEALTHCHECK CMD true\n', 'Dockerfile').findings;
  assert.equal(a.id, 'CG-DF-002');
  assert.deepEqual(a.aliases, ['DL3007', 'AVD-DS-0001', 'CKV_DOCKER_7', 'DKL-DI-0006']);
  assert.equal(a.kind, 'misconfig');
  assert.match(a.fingerprint, /^sha256:[0-9a-f]{32}$/);
  const [b] = scanDockerfile('\n\nFROM node:latest\nUSER 1\nHEALTHCHECK CMD true\n', 'Dockerfile').findings;
  assert.equal(b.location.line, 3);
  assert.equal(b.fingerprint, a.fingerprint, 'moving lines keeps the fingerprint');
  const run2 = (pad: string) => scanDockerfile(`FROM a:1\n${pad}RUN a\nRUN b\nUSER 1\nHEALTHCHECK CMD true\n`, 'Dockerfile').findings.find((f) => f.id === 'CG-DF-057')!;
  assert.equal(run2('').fingerprint, run2('\n\n').fingerprint, 'line numbers inside messages do not leak into the fingerprint');
});

test('apt-get -y variants: -y, --yes, --assume-yes, -qq count; a single -q does not', () => {
  const y = (flags: string) => has(`FROM a:1\nRUN apt-get install ${flags} curl=1\n`, 'DL3014');
  assert.deepEqual(y('-y'), []);
  assert.deepEqual(y('--yes'), []);
  assert.deepEqual(y('--assume-yes'), []);
  assert.deepEqual(y('-qq'), []);
  assert.deepEqual(y('-qy'), []);
  assert.deepEqual(y('-q'), [2]);
  assert.deepEqual(y(''), [2]);
});

test('snippets without FROM and ONBUILD triggers are checked (hadolint-style cases)', () => {
  assert.deepEqual(has('RUN apt-get update && apt-get install python\n', 'DL3009'), [1]);
  assert.deepEqual(has('ONBUILD RUN apt-get update && apt-get install python\n', 'DL3009'), [1]);
  assert.deepEqual(has('RUN --mount=type=cache,target=/var/lib/apt/lists \\\n    apt-get update && apt-get install python\n', 'DL3009'), []);
  assert.deepEqual(has('RUN --mount=type=cache,target=/var/lib/apt \\\n    --mount=type=cache,target=/var/cache/apt \\\n    apt-get update && apt-get install python\n', 'DL3009'), []);
  assert.deepEqual(has('RUN --mount=type=cache,target=/var/cache/apt \\\n    apt-get update && apt-get install python\n', 'DL3009'), [1]);
  // Intermediate stages count only when a later stage is built FROM them.
  assert.deepEqual(has('FROM ubuntu as foo\nRUN apt-get update && apt-get install python\nFROM scratch\nRUN echo hey\n', 'DL3009'), []);
  assert.deepEqual(has('FROM ubuntu as foo\nRUN apt-get update && apt-get install python\nFROM foo\nRUN echo hey\n', 'DL3009'), [2]);
  assert.deepEqual(has('RUN sudo apt-get install curl\n', 'DL3004'), [1]);
  assert.deepEqual(has('RUN apt-get install curl\n', 'DL3006'), []);
});

// Cases modelled on hadolint's documented behaviour for DL3013 / DL3016 (our own table).
test('pip pinning (DL3013) and npm pinning (DL3016) case table', () => {
  const pip: [string, boolean][] = [
    ['pip2 install MySQL_python', true], ['pip3 install MySQL_python==1.2.2', false], ['pip3 install mypkg.whl', false],
    ['pip install -r requirements.txt', false], ['pip install --requirement requirements.txt', false], ['pip install .', false],
    ['pip install MySQL_python~=1.2.2', false], ['pip3 install --build /opt/yamllint yamllint==1.20.0', false],
    ['pip3 install --target /opt/y yamllint==1.20.0', false], ['python -m pip install example', true], ['python -m pip install example==1.2.2', false],
    ['pip install git+https://github.com/org/r-ext.git@0.6-alpha#egg=r-ext', false], ['pip install git+https://github.com/org/read-ext.git#egg=read-ext', true],
    ["pip install 'alabaster>=0.7'", false], ['pip install MySQL_python==1.2.2 --user', false], ['pip install pykafka -c http://foo.bar.baz', false],
    ['pip install --index-url https://user:pass@eg.com/foo foobar==1.0.0', false],
  ];
  for (const [cmd, fires] of pip) assert.equal(has(`RUN ${cmd}\n`, 'DL3013').length > 0, fires, cmd);
  const npm: [string, boolean][] = [
    ['npm install', false], ['npm install --progress=false', false], ['npm install express@4.1.1', false], ['npm install @myorg/pkg@">=0.1.0"', false],
    ['npm install -g express@"4.1.1"', false], ['npm install package-v1.2.3.tar', false], ['npm install ../folder', false], ['npm install ~/folder', false],
    ['npm install git+ssh://git@github.com:npm/npm.git#v1.0.27', false], ['npm install git://github.com/npm/npm.git#v1.0.27', false], ['npm run --crazy install', false],
    ['npm install express', true], ['npm install @myorg/privatepackage', true], ['npm install express sax@0.1.1', true], ['npm install --global express', true],
    ['npm install git+ssh://git@github.com:npm/npm.git', true], ['npm install git+https://isaacs@github.com/npm/npm.git', true], ['npm install git://github.com/npm/npm.git', true],
    ['npm install --loglevel verbose sax@0.1.1', false], ['npm install --registry https://example.com express', true], ['npm install --registry=https://example.com express', true],
  ];
  for (const [cmd, fires] of npm) assert.equal(has(`RUN ${cmd}\n`, 'DL3016').length > 0, fires, cmd);
});

test('apt-get pinning (DL3008) case table: chained, wildcards, local .deb, target release', () => {
  const cases: [string, boolean][] = [
    ['RUN apt-get update && apt-get install python', true],
    ['RUN apt-get update \\\n && apt-get -yqq --no-install-recommends install nodejs=0.10 \\\n && rm -rf /var/lib/apt/lists/*', false],
    ['RUN apt-get update && apt-get install --no-install-recommends -y \\\npython-demjson=2.2.2* \\\nwget=1.16.1* \\\ngit=1:2.5.0* \\\nruby=1:2.1.*', false],
    ['RUN apt-get install ./wkhtmltox_0.12.5-1.bionic_amd64.deb', false],
    ['RUN set -e &&\\\n echo "deb http://http.debian.net/debian jessie-backports main" > /etc/apt/sources.list.d/jb.list &&\\\n apt-get update &&\\\n apt-get install -y --no-install-recommends -t jessie-backports openjdk-8-jdk=8u131-b11-1~bpo8+1 &&\\\n rm -rf /var/lib/apt/lists/*', false],
  ];
  for (const [df, fires] of cases) assert.equal(has(df + '\n', 'DL3008').length > 0, fires, df);
});

test('pip cache (DL3042) and apk --no-cache (DL3019) case tables', () => {
  const pip: [string, boolean][] = [
    ['RUN pip install MySQL_python', true], ['RUN pip3 install --no-cache-dir MySQL_python', false], ['RUN pipx install software', false],
    ['RUN pipenv install library', false], ['ENV PIP_NO_CACHE_DIR=1\nRUN pip install x', false], ['ENV PIP_NO_CACHE_DIR=off\nRUN pip install x', true],
    ['RUN PIP_NO_CACHE_DIR=yes pip install x', false], ['RUN PIP_NO_CACHE_DIR=0 pip install x', true], ['RUN export PIP_NO_CACHE_DIR=true && pip install x', false],
    ['RUN export PIP_NO_CACHE_DIR=false && pip install x', true],
    ['FROM debian:buster as base\nENV PIP_NO_CACHE_DIR=1\nFROM base\nRUN pip install six', false],
    ['FROM debian:buster as base\nENV PIP_NO_CACHE_DIR=1\nFROM debian:buster\nRUN pip install six', true],
  ];
  for (const [df, fires] of pip) assert.equal(has(df + '\n', 'DL3042').length > 0, fires, df);
  const apk: [string, boolean][] = [
    ['RUN apk add flex=2.6.4-r1', true], ['RUN apk add --no-cache flex=2.6.4-r1', false],
    ['RUN --mount=type=cache,target=/var/cache/apk apk add -U curl=7.77.0', false],
    ['RUN --mount=type=cache,target=/var/cache/foo apk add --no-cache -U curl=7.77.0', false],
    ['RUN --mount=type=cache,target=/var/cache/foo apk add -U curl=7.77.0', true],
  ];
  for (const [df, fires] of apk) assert.equal(has(df + '\n', 'DL3019').length > 0, fires, df);
});

test('consecutive RUN (DL3059) case table: comments between, flags, chained commands', () => {
  const cases: [string, boolean][] = [
    ['RUN /foo.sh', false], ['RUN /foo.sh\nWORKDIR /\nRUN /bar.sh', false], ['RUN /foo.sh\nRUN /bar.sh', true],
    ['RUN /foo.sh\n# a comment\nRUN /bar.sh', true], ['RUN --mount=type=secret,id=foo /foo.sh\nRUN /bar.sh', false],
    ['RUN --mount=type=secret,id=foo /foo.sh\nRUN --mount=type=secret,id=foo /bar.sh', true],
    ['RUN foo && bar\nRUN foobar', false], ['RUN foobar\nRUN foo; bar', false], ['RUN foo && bar\nRUN foo\nRUN bar', true],
  ];
  for (const [df, fires] of cases) assert.equal(has(df + '\n', 'DL3059').length > 0, fires, df);
});

test('pipefail (DL4006) case table: which SHELL counts', () => {
  const run = 'RUN wget -O - https://some.site | wc -l file > /number';
  const cases: [string, boolean][] = [
    [`FROM scratch\n${run}`, true], ['FROM scratch\nRUN wget -O - https://x && wc -l f > /n', false],
    [`FROM scratch\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\n${run}`, false],
    [`FROM scratch\nSHELL ["/usr/local/bin/zsh", "-o", "pipefail", "-c"]\n${run}`, false],
    [`FROM scratch\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\n${run}`, true],
    ['FROM scratch\nSHELL ["pwsh", "-c"]\nRUN Get-Variable PSVersionTable | Select-Object -ExpandProperty Value', false],
    ['FROM scratch\nSHELL [ "cmd.exe", "/c" ]\nRUN a | b', false],
    [`FROM scratch as a\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n${run}\nFROM scratch as b\n${run}`, true],
    [`FROM scratch\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n${run}\nSHELL ["/bin/sh", "-c"]\n${run}`, true],
  ];
  for (const [df, fires] of cases) assert.equal(has(df + '\n', 'DL4006').length > 0, fires, df);
  assert.deepEqual(has('RUN cd /opt\n', 'DL3003'), [1]);
});

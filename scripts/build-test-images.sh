#!/usr/bin/env bash
# Builds real container images for the tests and benchmarks from Debian packages, without Docker:
# debootstrap makes the root filesystem, umoci turns each step into a layer, skopeo writes the
# docker-archive / OCI archive forms. Results are cached (built once per machine) in
#   ${COASTGUARD_TEST_IMAGES:-/var/cache/coastguard-test-images}/<name>/
# each with expected-dpkg.tsv (dpkg-query's own answer inside the image) and layer-dpkg.tsv
# (package → index of the layer that introduced or last changed it).
#
# Usage: scripts/build-test-images.sh debian-layers | debian-layers-next | bench-1g | bench-1g-clean | bench-text | lang-apps    (as root)
set -euo pipefail
OUT_ROOT=${COASTGUARD_TEST_IMAGES:-/var/cache/coastguard-test-images}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
SECURITY_MIRROR=${DEBIAN_SECURITY_MIRROR:-http://deb.debian.org/debian-security}
SUITE=bookworm
mkdir -p "$OUT_ROOT"

snapshot_dpkg() { chroot "$1" dpkg-query -W -f='${Package}\t${Version}\t${Architecture}\t${source:Package}\t${source:Version}\n' | sort; }

chroot_apt() {
  local root=$1; shift
  cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
  mount -t proc proc "$root/proc" 2>/dev/null || true
  DEBIAN_FRONTEND=noninteractive chroot "$root" "$@"
  umount "$root/proc" 2>/dev/null || true
}

# Records which layer each package was last changed in: a package keeps the index of the first
# snapshot from which its version never changed again.
layer_table() {
  local dir=$1; shift
  python3 - "$dir" "$@" <<'PY'
import sys
out, snaps = sys.argv[1], sys.argv[2:]
rows = []
for s in snaps:
    d = {}
    for line in open(s):
        f = line.rstrip('\n').split('\t')
        d[f[0]] = f[1]
    rows.append(d)
final = rows[-1]
with open(out + '/layer-dpkg.tsv', 'w') as fh:
    for name in sorted(final):
        idx = len(rows) - 1
        while idx > 0 and rows[idx - 1].get(name) == final[name]:
            idx -= 1
        fh.write(f"{name}\t{final[name]}\t{idx}\n")
PY
}

export_forms() {
  local work=$1 out=$2 tag=$3
  rm -rf "$out/oci-layout"
  skopeo copy --quiet --preserve-digests "oci:$work/oci:img" "oci:$out/oci-layout:$tag"
  rm -f "$out/image.docker.tar" "$out/image.oci.tar"
  # docker-archive needs a Docker schema 2 manifest: skopeo converts, so digests cannot be kept.
  skopeo copy --quiet "oci:$work/oci:img" "docker-archive:$out/image.docker.tar:coastguard-test/$tag"
  skopeo copy --quiet --preserve-digests "oci:$work/oci:img" "oci-archive:$out/image.oci.tar:$tag"
}

new_image() {
  local work=$1
  rm -rf "$work"; mkdir -p "$work"
  umoci init --layout "$work/oci"
  umoci new --image "$work/oci:img"
  umoci unpack --image "$work/oci:img" "$work/bundle" >/dev/null
}

repack() { umoci repack --refresh-bundle --history.created_by "$2" --image "$1/oci:img" "$1/bundle"; }

# Starts a build: nothing to do when cached (returns 1), else a work dir, an empty image and a
# minbase root filesystem in its bundle. Sets OUT, WORK, ROOT.
# An image's version: bump it when its content changes, so caches (and CI) rebuild it. The .done
# marker holds it; test/support/test-images.ts compares the same table.
image_version() { case $1 in lang-apps) echo 2 ;; *) echo '' ;; esac; }

begin_build() {
  OUT="$OUT_ROOT/$1"
  if [ -f "$OUT/.done" ] && [ "$(cat "$OUT/.done")" = "$(image_version "$1")" ]; then echo "cached: $OUT"; return 1; fi
  rm -rf "$OUT"
  WORK=$(mktemp -d /var/tmp/cg-build.XXXXXX)
  mkdir -p "$OUT"
  new_image "$WORK"
  ROOT="$WORK/bundle/rootfs"
  debootstrap --variant=minbase "$SUITE" "$ROOT" "$MIRROR" >"$WORK/debootstrap.log" 2>&1 || { tail -20 "$WORK/debootstrap.log"; exit 1; }
  rm -rf "$ROOT/var/cache/apt/archives/"*.deb
}

# Writes the three forms, marks the build done, drops the work dir.
finish_build() {
  export_forms "$WORK" "$OUT" "$1"
  rm -rf "$WORK"
  image_version "$1" >"$OUT/.done"
  echo "built: $OUT"
}

build_debian_layers() {
  begin_build debian-layers || return 0
  local out=$OUT work=$WORK root=$ROOT
  snapshot_dpkg "$root" >"$work/s0.tsv"
  repack "$work" "debootstrap --variant=minbase $SUITE"
  # Layer 2: install packages (new ones and an upgrade-free addition).
  chroot_apt "$root" apt-get install -y -qq --no-install-recommends libexpat1 netbase zlib1g-dev >/dev/null
  rm -rf "$root/var/cache/apt/archives/"*.deb "$root/var/lib/apt/lists/"*
  snapshot_dpkg "$root" >"$work/s1.tsv"
  repack "$work" "apt-get install libexpat1 netbase zlib1g-dev"
  # Layer 3: remove one (whiteouts in the dpkg DB), drop a file.
  chroot_apt "$root" dpkg --purge netbase >/dev/null
  printf 'AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz9hWq4QzH\n' >"$root/root/.aws-credentials-old"
  snapshot_dpkg "$root" >"$work/s2.tsv"
  repack "$work" "dpkg --purge netbase"
  rm -f "$root/root/.aws-credentials-old"
  repack "$work" "rm /root/.aws-credentials-old"
  cp "$work/s2.tsv" "$work/s3.tsv"
  umoci config --image "$work/oci:img" --config.cmd /bin/bash >/dev/null
  cp "$work/s3.tsv" "$out/expected-dpkg.tsv"
  layer_table "$out" "$work/s0.tsv" "$work/s1.tsv" "$work/s2.tsv" "$work/s3.tsv"
  finish_build debian-layers
}

# debian-layers one step later, for `coastguard diff` and base-image advice: its four layers plus one
# that installs a package (less), removes one (zlib1g-dev) and upgrades two from bookworm-security /
# bookworm-updates (libssl3, libpcre2-8-0). Debs already in the host's apt cache are reused.
NEXT_INSTALL=(less libssl3 libpcre2-8-0)
build_debian_layers_next() {
  build_debian_layers
  OUT="$OUT_ROOT/debian-layers-next"
  if [ -f "$OUT/.done" ]; then echo "cached: $OUT"; return 0; fi
  WORK=$(mktemp -d /var/tmp/cg-build.XXXXXX)
  mkdir -p "$OUT"
  local out=$OUT work=$WORK root="$WORK/bundle/rootfs" p
  skopeo copy --quiet --preserve-digests "oci:$OUT_ROOT/debian-layers/oci-layout:debian-layers" "oci:$work/oci:img"
  umoci unpack --image "$work/oci:img" "$work/bundle" >/dev/null
  printf 'deb %s %s main\ndeb %s %s-updates main\ndeb %s %s-security main\n' "$MIRROR" "$SUITE" "$MIRROR" "$SUITE" "$SECURITY_MIRROR" "$SUITE" >"$root/etc/apt/sources.list"
  for p in "${NEXT_INSTALL[@]}"; do cp /var/cache/apt/archives/"${p}"_*.deb "$root/var/cache/apt/archives/" 2>/dev/null || true; done
  chroot_apt "$root" apt-get update -qq >/dev/null
  chroot_apt "$root" apt-get install -y -qq --no-install-recommends "${NEXT_INSTALL[@]}" >/dev/null 2>&1
  chroot_apt "$root" dpkg --purge zlib1g-dev >/dev/null
  rm -rf "$root/var/cache/apt/archives/"*.deb "$root/var/cache/apt/"*.bin "$root/var/lib/apt/lists/"*
  snapshot_dpkg "$root" >"$out/expected-dpkg.tsv"
  repack "$work" "apt-get install ${NEXT_INSTALL[*]} (bookworm-security); dpkg --purge zlib1g-dev"
  # Unchanged packages keep the layer debian-layers recorded; new and changed ones are in layer 4.
  awk -F'\t' 'NR == FNR { base[$1 "\t" $2] = $3; next } { k = $1 "\t" $2; print k "\t" (k in base ? base[k] : 4) }' \
    "$OUT_ROOT/debian-layers/layer-dpkg.tsv" "$out/expected-dpkg.tsv" >"$out/layer-dpkg.tsv"
  finish_build debian-layers-next
}

build_bench_1g() {
  begin_build bench-1g || return 0
  local out=$OUT work=$WORK root=$ROOT
  repack "$work" "debootstrap --variant=minbase $SUITE"
  chroot_apt "$root" apt-get install -y -qq --no-install-recommends build-essential python3 >/dev/null
  rm -rf "$root/var/cache/apt/archives/"*.deb
  repack "$work" "apt-get install build-essential python3"
  mkdir -p "$root/usr/share/man/man1"
  chroot_apt "$root" apt-get install -y -qq --no-install-recommends default-jdk-headless >/dev/null
  rm -rf "$root/var/cache/apt/archives/"*.deb "$root/var/lib/apt/lists/"*
  repack "$work" "apt-get install default-jdk-headless"
  snapshot_dpkg "$root" >"$out/expected-dpkg.tsv"
  finish_build bench-1g
}

# A ~1 GB image shaped like an application image rather than a toolchain: five uncompressed layers
# whose bulk is text (Python and JavaScript sources, JSON data, Ruby/Perl libraries, docs), the
# kind the secret scanners read line by line, where bench-1g is mostly binaries.
#   layer 0 debootstrap; 1 python3 + Python libraries (pure-Python ones, botocore's JSON API
#   models, numpy compiled); 2 nodejs + npm + Debian's node-* packages (/usr/share/nodejs);
#   3 ruby + rails gems, Perl modules and docs; 4 an "app": a copy of the JavaScript tree as
#   /app/node_modules, configs and manifests with planted fake credentials (listed in
#   planted-secrets.tsv: path, line, rule id). Python's .pyc files stay, as apt leaves them.
BENCH_TEXT_PY=(python3 python3-pip python3-setuptools python3-django python3-sqlalchemy python3-numpy python3-botocore
  python3-boto3 python3-jinja2 python3-pygments python3-kubernetes python3-flask python3-celery python3-yaml python3-requests)
BENCH_TEXT_NODE=(nodejs npm node-typescript webpack eslint node-babel7 node-rollup)
BENCH_TEXT_RUBY_PERL=(ruby ruby-rails perl-doc libmoose-perl libdatetime-timezone-perl)
build_bench_text() {
  begin_build bench-text || return 0
  local out=$OUT work=$WORK root=$ROOT
  # Like Debian's official base image and the usual `apt-get update && apt-get install … && rm -rf
  # /var/lib/apt/lists/*` step, no layer keeps apt's package lists: a 50 MB Packages file alone
  # takes the peer's secret scanner over 70 s, which would measure that file, not the image.
  rm -rf "$root/var/lib/apt/lists/"*
  snapshot_dpkg "$root" >"$work/s0.tsv"
  repack "$work" "debootstrap --variant=minbase $SUITE; rm -rf /var/lib/apt/lists/*"
  local layer=1 group
  for group in "${BENCH_TEXT_PY[*]}" "${BENCH_TEXT_NODE[*]}" "${BENCH_TEXT_RUBY_PERL[*]}"; do
    chroot_apt "$root" apt-get update -qq >/dev/null
    # shellcheck disable=SC2086 # a group is a word list
    chroot_apt "$root" apt-get install -y -qq --no-install-recommends $group >/dev/null
    rm -rf "$root/var/cache/apt/archives/"*.deb "$root/var/cache/apt/"*.bin "$root/var/lib/apt/lists/"*
    snapshot_dpkg "$root" >"$work/s$layer.tsv"
    repack "$work" "apt-get update && apt-get install $group && rm -rf /var/lib/apt/lists/*"
    layer=$((layer + 1))
  done
  bench_text_app "$root" "$out"
  snapshot_dpkg "$root" >"$work/s4.tsv"
  repack "$work" "COPY app /app"
  umoci config --image "$work/oci:img" --config.workingdir /app --config.cmd node --config.cmd /app/server.js >/dev/null
  cp "$work/s4.tsv" "$out/expected-dpkg.tsv"
  layer_table "$out" "$work/s0.tsv" "$work/s1.tsv" "$work/s2.tsv" "$work/s3.tsv" "$work/s4.tsv"
  finish_build bench-text
}

# The app layer. The fake credentials are assembled here rather than written out, so this script
# itself holds none; each has the shape its rule matches (GitHub PAT ghp_ + 36, AWS key id
# AKIA + 16, a 40-character AWS secret, Stripe sk_live_ + 24, Slack webhook URL).
bench_text_app() {
  local root=$1 out=$2 app="$1/app"
  mkdir -p "$app/config" "$app/deploy"
  # Everything of Debian's JavaScript tree but TypeScript (a compiler an app does not ship).
  cp -a "$root/usr/share/nodejs" "$app/node_modules"
  rm -rf "$app/node_modules/typescript"
  local fake='CoastguardBenchFakeToken'
  local ghp="ghp_${fake}000000000000" akia="AKIA$(printf 'CGBENCHFAKE%05d' 1)"
  local aws_secret="${fake}/Not4Real+Use0ab" stripe="sk_live_${fake}" slack="https://hooks.slack.com/services/T00000000/B00000000/${fake}"
  cat >"$app/config/production.env" <<EOF
# settings for the demo app (fake values, planted for the scanner benchmarks)
NODE_ENV=production
PORT=8080
GITHUB_TOKEN=$ghp
AWS_ACCESS_KEY_ID=$akia
AWS_SECRET_ACCESS_KEY=$aws_secret
EOF
  cat >"$app/config/payments.json" <<EOF
{
  "provider": "stripe",
  "currency": "eur",
  "stripe_api_key": "$stripe",
  "alerts": "$slack"
}
EOF
  printf '%s\n' "const http = require('node:http');" "http.createServer((req, res) => res.end('ok')).listen(process.env.PORT || 8080);" >"$app/server.js"
  printf '%s\n' '{' '  "name": "bench-text-app",' '  "version": "1.0.0",' '  "private": true,' '  "main": "server.js"' '}' >"$app/package.json"
  printf '%s\n' 'FROM debian:bookworm' 'RUN apt-get update && apt-get install -y nodejs' 'COPY . /app' 'CMD ["node", "/app/server.js"]' >"$app/Dockerfile"
  cat >"$app/deploy/deployment.yaml" <<'EOF'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: bench-text-app
spec:
  replicas: 2
  selector:
    matchLabels:
      app: bench-text-app
  template:
    metadata:
      labels:
        app: bench-text-app
    spec:
      containers:
        - name: app
          image: coastguard-test/bench-text:latest
          ports:
            - containerPort: 8080
          securityContext:
            privileged: true
EOF
  printf '%s\t%s\t%s\n' app/config/production.env 4 github-pat app/config/production.env 5 aws-access-key-id \
    app/config/production.env 6 aws-secret-access-key app/config/payments.json 4 stripe-secret-key \
    app/config/payments.json 5 slack-webhook-url >"$out/planted-secrets.tsv"
}

# bench-1g as images built with `rm -rf /var/lib/apt/lists/*` are: the same layers without apt's
# package lists (debootstrap's 50 MB Packages file). Issue 17's full-scan bench runs on it.
build_bench_1g_clean() {
  build_bench_1g
  local out="$OUT_ROOT/bench-1g-clean"
  if [ -f "$out/.done" ] && [ "$(cat "$out/.done")" = "$(image_version bench-1g)" ]; then echo "cached: $out"; return 0; fi
  rm -rf "$out" && mkdir -p "$out"
  node "$(dirname "$0")/strip-apt-lists.mjs" "$OUT_ROOT/bench-1g/image.docker.tar" "$out/image.docker.tar" docker.io/coastguard-test/bench-1g-clean:latest
  image_version bench-1g >"$out/.done"
  echo "built: $out"
}

# Language packages as real images carry them, each ground truth taken from the tools that made it
# (dpkg-query, npm, `go version -m`, the jar/dist-info files themselves), never from Coastguard:
#   layer 0 debootstrap; layer 1 Debian's Java libraries, a Python distribution and a Go tool;
#   layer 2 an npm app (old packages, nested duplicates); layer 3 a Go binary built here with modules.
# Writes expected-{dpkg,java,java-debian,python,npm,go}.tsv (last column: layer index), go-version-m.txt, layer-dpkg.tsv.
# log4j 1.2, commons-logging and the MongoDB driver ship jars without pom.properties: their coordinates
# are only in Debian's /usr/share/maven-repo POMs (expected-java-debian.tsv).
LANG_DEB_PACKAGES=(libjackson2-core-java libcommons-lang3-java libcommons-io-java libslf4j-java liblog4j1.2-java libcommons-logging-java libmongodb-java python3-requests duf)
LANG_GO_SOURCES=(golang-github-google-uuid-dev golang-github-mattn-go-isatty-dev golang-github-pkg-errors-dev golang-golang-x-sys-dev)

build_lang_apps() {
  begin_build lang-apps || return 0
  local out=$OUT work=$WORK root=$ROOT
  snapshot_dpkg "$root" >"$work/s0.tsv"
  repack "$work" "debootstrap --variant=minbase $SUITE"

  # Layer 1: Debian's jars (pom.properties inside), Python dist-info/egg-info, a Go tool (Debian builds
  # Go in GOPATH mode: its build info has no module lines). The Go module sources layer 3 builds
  # from are fetched by the same apt and kept outside the image.
  chroot_apt "$root" apt-get install -y -qq --no-install-recommends "${LANG_DEB_PACKAGES[@]}" >/dev/null
  chroot_apt "$root" sh -c "cd /tmp && apt-get download -qq ${LANG_GO_SOURCES[*]}" >/dev/null
  mkdir -p "$work/gocode"
  for d in "$root"/tmp/*.deb; do dpkg-deb -x "$d" "$work/gocode"; done
  rm -rf "$root"/tmp/*.deb "$root/var/cache/apt/archives/"*.deb "$root/var/lib/apt/lists/"*
  snapshot_dpkg "$root" >"$work/s1.tsv"
  repack "$work" "apt-get install ${LANG_DEB_PACKAGES[*]}"

  # Layer 2: an npm app installed from the npm registry on the host (no scripts run), copied in.
  mkdir -p "$work/app"
  cat >"$work/app/package.json" <<'JSON'
{
  "name": "cg-demo-app",
  "version": "1.0.0",
  "private": true,
  "dependencies": {
    "@sindresorhus/is": "0.14.0",
    "lodash": "4.17.15",
    "make-dir": "3.1.0",
    "minimist": "1.2.0",
    "mkdirp": "0.5.1",
    "semver": "5.7.1"
  }
}
JSON
  (cd "$work/app" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error --cache "$work/npm-cache" >/dev/null)
  # npm's own view of the installed tree: location (node_modules/a/node_modules/b), name, version.
  (cd "$work/app" && npm query '*' --cache "$work/npm-cache") >"$work/npm-query.json"
  mkdir -p "$root/app"
  cp -a "$work/app/package.json" "$work/app/package-lock.json" "$work/app/node_modules" "$root/app/"
  repack "$work" "COPY app /app (npm install --ignore-scripts)"

  # Layer 3: a Go binary built with modules, from Debian's module sources served by a file proxy
  # (GOPROXY=file://, no network); one dependency replaced by a local directory.
  build_go_demo "$work"
  install -m 0755 "$work/gosrc/cgdemo" "$root/usr/local/bin/cgdemo"
  repack "$work" "COPY cgdemo /usr/local/bin/cgdemo"
  umoci config --image "$work/oci:img" --config.cmd /usr/local/bin/cgdemo >/dev/null

  record_lang_truth "$work" "$out"
  finish_build lang-apps
}

# A file-based Go module proxy (the GOPROXY protocol: @v/list, .info, .mod, .zip) over the GOPATH
# trees Debian ships, then `go build` of a small module that requires them.
build_go_demo() {
  local work=$1 src="$1/gocode/usr/share/gocode/src" proxy="$1/goproxy" g="$1/gosrc"
  python3 - "$src" "$proxy" <<'PY'
import json, os, sys, zipfile
src, proxy = sys.argv[1], sys.argv[2]
def publish(path, version, modfile, tree=None):
    d = os.path.join(proxy, path, '@v'); os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, 'list'), 'a') as f: f.write(version + '\n')
    json.dump({'Version': version, 'Time': '2023-01-01T00:00:00Z'}, open(os.path.join(d, version + '.info'), 'w'))
    open(os.path.join(d, version + '.mod'), 'w').write(modfile)
    if tree is None: return
    with zipfile.ZipFile(os.path.join(d, version + '.zip'), 'w', zipfile.ZIP_DEFLATED) as z:
        for dirpath, dirs, files in os.walk(tree):
            # nested modules and vendor trees are not part of a module zip
            dirs[:] = sorted(x for x in dirs if x != 'vendor' and not os.path.exists(os.path.join(dirpath, x, 'go.mod')))
            for fn in sorted(files):
                full = os.path.join(dirpath, fn)
                if os.path.islink(full) or not os.path.isfile(full): continue
                z.write(full, f'{path}@{version}/{os.path.relpath(full, tree)}')
def mod_of(tree, path):
    f = os.path.join(tree, 'go.mod')
    return open(f).read() if os.path.exists(f) else f'module {path}\n'
for path, version in [('github.com/google/uuid', 'v1.3.0'), ('github.com/mattn/go-isatty', 'v0.0.17'), ('golang.org/x/sys', 'v0.3.0')]:
    tree = os.path.join(src, path)
    publish(path, version, mod_of(tree, path), tree)
# go-isatty's go.mod asks for an older x/sys: the module graph needs only its go.mod.
publish('golang.org/x/sys', 'v0.0.0-20220811171246-fbc7d0a398ab', 'module golang.org/x/sys\n\ngo 1.17\n')
PY
  # github.com/pkg/errors v0.9.1 is required but replaced by a local copy (a replacement needs a go.mod).
  mkdir -p "$g/third_party/errors"
  cp "$src/github.com/pkg/errors/"*.go "$g/third_party/errors/"
  rm -f "$g/third_party/errors/"*_test.go
  printf 'module github.com/pkg/errors\n' >"$g/third_party/errors/go.mod"
  printf '%s\n' 'module example.com/cgdemo' '' 'go 1.19' '' 'require (' \
    '	github.com/google/uuid v1.3.0' '	github.com/mattn/go-isatty v0.0.17' '	github.com/pkg/errors v0.9.1' \
    '	golang.org/x/sys v0.3.0 // indirect' ')' '' 'replace github.com/pkg/errors => ./third_party/errors' >"$g/go.mod"
  printf '%s\n' 'package main' '' 'import (' '	"fmt"' '	"os"' '' '	"github.com/google/uuid"' \
    '	"github.com/mattn/go-isatty"' '	"github.com/pkg/errors"' ')' '' 'func main() {' \
    '	id := uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://coastguard.dev"))' \
    '	fmt.Println(id, isatty.IsTerminal(os.Stdout.Fd()), errors.Wrap(errors.New("demo"), "cgdemo"))' '}' >"$g/main.go"
  (cd "$g" && env GOPATH="$work/gopath" GOMODCACHE="$work/gopath/pkg/mod" GOCACHE="$work/gocache" \
    GOPROXY="file://$proxy" GOSUMDB=off GOFLAGS=-mod=mod CGO_ENABLED=0 \
    sh -c 'go mod tidy && go build -trimpath -o cgdemo .')
  chmod -R u+w "$work/gopath" 2>/dev/null || true # the module cache is read-only; rm -rf needs this
}

# Ground truth of every ecosystem, from the image's own files and the tools that put them there.
lang_owner_of() { chroot "$1" dpkg-query -S "/$2" 2>/dev/null | head -1 | cut -d: -f1 || true; }

record_lang_truth() {
  local work=$1 out=$2 root="$1/bundle/rootfs" rel
  cp "$work/s1.tsv" "$out/expected-dpkg.tsv"
  layer_table "$out" "$work/s0.tsv" "$work/s1.tsv" "$work/s1.tsv" "$work/s1.tsv"
  # Java: each jar file (symlinks left out) × each pom.properties inside: path group artifact version owner layer
  : >"$out/expected-java.tsv"
  while IFS= read -r jar; do
    rel=${jar#"$root/"}
    python3 - "$jar" <<'PY' | while IFS=$'\t' read -r gid aid ver; do printf '%s\t%s\t%s\t%s\t%s\t1\n' "$rel" "$gid" "$aid" "$ver" "$(lang_owner_of "$root" "$rel")"; done >>"$out/expected-java.tsv"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for n in sorted(z.namelist()):
    if n.startswith('META-INF/maven/') and n.endswith('/pom.properties'):
        kv = dict(l.split('=', 1) for l in z.read(n).decode().splitlines() if '=' in l and not l.startswith('#'))
        print('\t'.join(kv.get(k, '').strip() for k in ('groupId', 'artifactId', 'version')))
PY
  done < <(find "$root" -type f -name '*.jar' | sort)
  # Java without pom.properties: each jar a /usr/share/maven-repo/<group path>/<artifact>/<version>/ link
  # points to, with the coordinates of the POM beside that link: path group artifact version owner layer
  python3 - "$root" "$out/expected-java.tsv" <<'PY' | while IFS=$'\t' read -r rel gid aid ver; do printf '%s\t%s\t%s\t%s\t%s\t1\n' "$rel" "$gid" "$aid" "$ver" "$(lang_owner_of "$root" "$rel")"; done >"$out/expected-java-debian.tsv"
import os, sys, xml.etree.ElementTree as ET
root, with_props = sys.argv[1], {l.split('\t')[0] for l in open(sys.argv[2]) if l.strip()}
def text(e, tag):
    for c in e:
        if c.tag.split('}')[-1] == tag: return (c.text or '').strip()
    return ''
rows = set()
repo = os.path.join(root, 'usr/share/maven-repo')
for d, _, files in os.walk(repo):
    # Debian's aliases of the same POM: the version-less 'debian' and '<major>.<minor>.x' directories
    if os.path.basename(d) == 'debian' or os.path.basename(d).endswith('.x'): continue
    for f in files:
        link = os.path.join(d, f)
        if not f.endswith('.jar') or not os.path.islink(link): continue
        target = os.path.normpath(os.path.join(d, os.readlink(link)))
        pom = link[:-4] + '.pom'
        if not os.path.isfile(target) or not os.path.isfile(pom): continue
        rel = os.path.relpath(os.path.realpath(target), root)
        if rel in with_props: continue
        p = ET.parse(pom).getroot()
        parent = next((c for c in p if c.tag.split('}')[-1] == 'parent'), None)
        g = text(p, 'groupId') or (text(parent, 'groupId') if parent is not None else '')
        v = text(p, 'version') or (text(parent, 'version') if parent is not None else '')
        rows.add((rel, g, text(p, 'artifactId'), v))
for r in sorted(rows): print('\t'.join(r))
PY
  # Python: each dist-info/METADATA and egg-info PKG-INFO (or egg-info file): name version path owner layer
  : >"$out/expected-python.tsv"
  while IFS= read -r f; do
    rel=${f#"$root/"}
    printf '%s\t%s\t%s\t%s\t1\n' "$(sed -n 's/^Name: *//p' "$f" | head -1 | tr -d '\r')" "$(sed -n 's/^Version: *//p' "$f" | head -1 | tr -d '\r')" \
      "$rel" "$(lang_owner_of "$root" "$rel")" >>"$out/expected-python.tsv"
  done < <(find "$root" \( -path '*.dist-info/METADATA' -o -path '*.egg-info/PKG-INFO' -o -name '*.egg-info' -type f \) | sort)
  # npm: npm's own answer (npm query '*'), the root project left out: name version path layer
  node -e '
    const q = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const rows = q.filter((n) => n.location).map((n) => [n.name, n.version, "app/" + n.location + "/package.json", 2].join("\t"));
    console.log(rows.sort().join("\n"));' "$work/npm-query.json" >"$out/expected-npm.tsv"
  # Go: `go version -m` of each Go binary: binary kind(stdlib|path|mod|dep) module version replacement owner layer
  : >"$out/go-version-m.txt"; : >"$out/expected-go.tsv"
  local bin layer
  for bin in usr/bin/duf usr/local/bin/cgdemo; do
    layer=1; [ "$bin" = usr/local/bin/cgdemo ] && layer=3
    go version -m "$root/$bin" | sed "s#$root/##" >>"$out/go-version-m.txt"
    go version -m "$root/$bin" | awk -F'\t' -v bin="$bin" -v owner="$(lang_owner_of "$root" "$bin")" -v layer="$layer" '
      function flush() { if (dep != "") printf "%s\tdep\t%s\t%s\t%s\t%s\t%s\n", bin, dep, ver, rep, owner, layer; dep = "" }
      NR == 1 { n = split($0, a, ": "); printf "%s\tstdlib\tstdlib\t%s\t\t%s\t%s\n", bin, a[n], owner, layer; next }
      $2 == "dep" { flush(); dep = $3; ver = $4; rep = ""; next }
      $2 == "=>" { rep = $3 (($4 != "" && $4 != "(devel)") ? "@" $4 : ""); next }
      { flush() }
      $2 == "path" { printf "%s\tpath\t%s\t\t\t%s\t%s\n", bin, $3, owner, layer }
      $2 == "mod" { printf "%s\tmod\t%s\t%s\t\t%s\t%s\n", bin, $3, $4, owner, layer }
      END { flush() }' >>"$out/expected-go.tsv"
  done
}

for target in "${@:-debian-layers}"; do
  case "$target" in
    debian-layers) build_debian_layers ;;
    debian-layers-next) build_debian_layers_next ;;
    bench-1g) build_bench_1g ;;
    bench-1g-clean) build_bench_1g_clean ;;
    bench-text) build_bench_text ;;
    lang-apps) build_lang_apps ;;
    *) echo "unknown image: $target" >&2; exit 2 ;;
  esac
done

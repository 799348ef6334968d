#!/usr/bin/env bash
# Builds real container images for the tests and benchmarks from Debian packages, without Docker:
# debootstrap makes the root filesystem, umoci turns each step into a layer, skopeo writes the
# docker-archive / OCI archive forms. Results are cached (built once per machine) in
#   ${COASTGUARD_TEST_IMAGES:-/var/cache/coastguard-test-images}/<name>/
# each with expected-dpkg.tsv (dpkg-query's own answer inside the image) and layer-dpkg.tsv
# (package → index of the layer that introduced or last changed it).
#
# Usage: scripts/build-test-images.sh debian-layers | bench-1g    (as root)
set -euo pipefail
OUT_ROOT=${COASTGUARD_TEST_IMAGES:-/var/cache/coastguard-test-images}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
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

build_debian_layers() {
  local name=debian-layers out="$OUT_ROOT/debian-layers" work
  [ -f "$out/.done" ] && { echo "cached: $out"; return; }
  work=$(mktemp -d /var/tmp/cg-build.XXXXXX)
  mkdir -p "$out"
  new_image "$work"
  local root="$work/bundle/rootfs"
  debootstrap --variant=minbase "$SUITE" "$root" "$MIRROR" >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log"; exit 1; }
  rm -rf "$root/var/cache/apt/archives/"*.deb
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
  export_forms "$work" "$out" debian-layers
  rm -rf "$work"
  touch "$out/.done"
  echo "built: $out"
}

build_bench_1g() {
  local out="$OUT_ROOT/bench-1g" work
  [ -f "$out/.done" ] && { echo "cached: $out"; return; }
  work=$(mktemp -d /var/tmp/cg-build.XXXXXX)
  mkdir -p "$out"
  new_image "$work"
  local root="$work/bundle/rootfs"
  debootstrap --variant=minbase "$SUITE" "$root" "$MIRROR" >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log"; exit 1; }
  rm -rf "$root/var/cache/apt/archives/"*.deb
  repack "$work" "debootstrap --variant=minbase $SUITE"
  chroot_apt "$root" apt-get install -y -qq --no-install-recommends build-essential python3 >/dev/null
  rm -rf "$root/var/cache/apt/archives/"*.deb
  repack "$work" "apt-get install build-essential python3"
  mkdir -p "$root/usr/share/man/man1"
  chroot_apt "$root" apt-get install -y -qq --no-install-recommends default-jdk-headless >/dev/null
  rm -rf "$root/var/cache/apt/archives/"*.deb "$root/var/lib/apt/lists/"*
  repack "$work" "apt-get install default-jdk-headless"
  snapshot_dpkg "$root" >"$out/expected-dpkg.tsv"
  export_forms "$work" "$out" bench-1g
  rm -rf "$work"
  touch "$out/.done"
  echo "built: $out"
}

for target in "${@:-debian-layers}"; do
  case "$target" in
    debian-layers) build_debian_layers ;;
    bench-1g) build_bench_1g ;;
    *) echo "unknown image: $target" >&2; exit 2 ;;
  esac
done

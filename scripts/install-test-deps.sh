#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian machine (we run as root):
# system packages for the real parts the tests start (registry, databases, browser, image tools),
# then the npm dependencies. Safe to run again: apt and npm skip what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  git zstd ca-certificates time
  debootstrap umoci skopeo          # building real test images
  podman                            # what a container sees of an image (unterminated umoci layers)
  golang-go                         # `go build` and `go version -m` for the lang-apps image
  docker-registry apache2-utils     # a real registry on 127.0.0.1 with htpasswd auth
  chromium                          # HTML report in real headless Chromium
  postgresql                        # server store and queue (PostgreSQL)
  rpm                               # rpm.vercmp: the reference ordering for rpm version tests
  openssl                           # TLS certificates for the admission webhook tests
  podman runc uidmap fuse-overlayfs slirp4netns   # a real container engine API (image --image-src, drift, runtime watch)
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The registry package starts a daemon listening on all interfaces; tests run their own on 127.0.0.1.
  (systemctl disable --now docker-registry 2>/dev/null || service docker-registry stop 2>/dev/null || true)
fi

npm ci --no-audit --no-fund

#!/usr/bin/env bash
# How hello-linux-amd64 was built (run once by hand; tests read the result). Debian bookworm's golang-go
# (go1.19.8), no network: one dependency vendored (github.com/acme/lib v1.4.0, a local stand-in) and one
# required at v1.2.3 but replaced by the local directory ./greet, so the build info carries a `=>` line.
set -euo pipefail
cd "$(dirname "$0")/hello-src"
GOFLAGS=-mod=vendor GOPROXY=off CGO_ENABLED=0 GOOS=linux GOARCH=amd64 \
  go build -trimpath -ldflags='-s -w' -o ../hello-linux-amd64 .
go version -m ../hello-linux-amd64

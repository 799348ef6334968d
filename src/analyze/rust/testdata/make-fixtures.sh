#!/usr/bin/env bash
# How hello_world-auditable was made (run once by hand; the tests read the result).
# cargo-auditable itself cannot be installed here (crates.io is out of reach), so its output is
# reproduced with the same tools it relies on: a real `cargo new` hello world built with rustc
# (--release, offline, stripped), and a `.dep-v0` section holding the zlib-compressed JSON that
# cargo-auditable 0.6 writes for syft's image-audit project (syft/image-audit/Cargo.lock: argh 0.1.12
# and its tree; proc-macro crates marked "kind":"build", the root crate "source":"local","root":true),
# added with objcopy. hello_world-src/dep-v0.json is that JSON before compression.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp" && cargo new --quiet --vcs none hello_world && cd hello_world
cargo build --release --offline --quiet
strip -o hello_stripped target/release/hello_world
python3 -c "import zlib,sys; sys.stdout.buffer.write(zlib.compress(open('$here/hello_world-src/dep-v0.json','rb').read(), 9))" > dep-v0.zlib
objcopy --add-section .dep-v0=dep-v0.zlib --set-section-flags .dep-v0=noload,readonly hello_stripped "$here/hello_world-auditable"

#!/usr/bin/env bash
# Rebuilds the Berkeley DB fixtures from ../amazonlinux2023-plain/rpmdb.sqlite (needs python3,
# db-util and rpm from Debian). Not run by the tests; the outputs are committed.
set -euo pipefail
cd "$(dirname "$0")"
QF='%{NAME}\t%|EPOCH?{%{EPOCH}}:{}|\t%{VERSION}\t%{RELEASE}\t%|ARCH?{%{ARCH}}:{}|\t%|SOURCERPM?{%{SOURCERPM}}:{}|\t%{LICENSE}\t%|VENDOR?{%{VENDOR}}:{}|\t%|BASENAMES?{%{FILENAMES:arraysize}}:{0}|\n'
build() { # name pagesize byteorder(<|>) lorder start step
  python3 - "$@" <<'PY'
import sqlite3, struct, sys
name, pagesize, bo, lorder, start, step = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
db = sqlite3.connect('file:../amazonlinux2023-plain/rpmdb.sqlite?mode=ro&immutable=1', uri=True)
rows = db.execute('select hnum, blob from Packages order by length(blob)').fetchall()
with open(name + '.dump', 'w') as f:
    f.write(f'VERSION=3\nformat=bytevalue\ntype=hash\ndb_pagesize={pagesize}\ndb_lorder={lorder}\nHEADER=END\n')
    f.write(' ' + struct.pack(bo + 'I', 0).hex() + '\n ' + struct.pack(bo + 'I', max(r[0] for r in rows) + 1).hex() + '\n')
    for hnum, blob in rows[start::step]:
        f.write(' ' + struct.pack(bo + 'I', hnum).hex() + '\n ' + bytes(blob).hex() + '\n')
    f.write('DATA=END\n')
PY
  rm -f "$1"; db_load -f "$1.dump" "$1"; rm "$1.dump"
  tmp=$(mktemp -d); cp "$1" "$tmp/Packages"
  rpm --dbpath="$tmp" --define '_db_backend bdb_ro' -qa --qf "$QF" 2>/dev/null | grep -v '^gpg-pubkey' | sort > "$1.rpm-qa.tsv"
  rm -rf "$tmp"
}
build Packages-4k-le 4096 '<' 1234 0 4
build Packages-64k-be 65536 '>' 4321 1 10

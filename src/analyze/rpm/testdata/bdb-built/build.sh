#!/usr/bin/env bash
# Rebuilds the Berkeley DB fixtures from ../amazonlinux2023-plain/rpmdb.sqlite (needs python3,
# db-util and rpm from Debian). Not run by the tests; the outputs are committed.
set -euo pipefail
cd "$(dirname "$0")"
QF='%{NAME}\t%|EPOCH?{%{EPOCH}}:{}|\t%{VERSION}\t%{RELEASE}\t%|ARCH?{%{ARCH}}:{}|\t%|SOURCERPM?{%{SOURCERPM}}:{}|\t%{LICENSE}\t%|VENDOR?{%{VENDOR}}:{}|\t%|BASENAMES?{%{FILENAMES:arraysize}}:{0}|\n'
build() { # name pagesize byteorder(<|>) lorder start step [chksum]
  python3 - "$@" <<'PY'
import sqlite3, struct, sys
name, pagesize, bo, lorder, start, step = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6])
chksum = len(sys.argv) > 7
db = sqlite3.connect('file:../amazonlinux2023-plain/rpmdb.sqlite?mode=ro&immutable=1', uri=True)
rows = db.execute('select hnum, blob from Packages order by length(blob)').fetchall()
with open(name + '.dump', 'w') as f:
    f.write(f'VERSION=3\nformat=bytevalue\ntype=hash\ndb_pagesize={pagesize}\ndb_lorder={lorder}\n' + ('chksum=1\n' if chksum else '') + 'HEADER=END\n')
    f.write(' ' + struct.pack(bo + 'I', 0).hex() + '\n ' + struct.pack(bo + 'I', max(r[0] for r in rows) + 1).hex() + '\n')
    for hnum, blob in rows[start::step]:
        f.write(' ' + struct.pack(bo + 'I', hnum).hex() + '\n ' + bytes(blob).hex() + '\n')
    f.write('DATA=END\n')
with open(name + '.hnums', 'w') as f:
    f.write(' '.join(str(h) for h, _ in rows[start::step]))
PY
  rm -f "$1"; db_load -f "$1.dump" "$1"; rm "$1.dump"
  tmp=$(mktemp -d); cp "$1" "$tmp/Packages"
  if [ $# -gt 6 ]; then
    # rpm's bdb_ro cannot read checksummed files: ask rpm for the same headers in the SQLite DB.
    cp ../amazonlinux2023-plain/rpmdb.sqlite "$tmp/"
    rpm --dbpath="$tmp" --define '_db_backend sqlite' -q --querybynumber $(cat "$1.hnums") --qf "$QF" 2>/dev/null | grep -v '^gpg-pubkey' | sort > "$1.rpm-qa.tsv"
  else
    rpm --dbpath="$tmp" --define '_db_backend bdb_ro' -qa --qf "$QF" 2>/dev/null | grep -v '^gpg-pubkey' | sort > "$1.rpm-qa.tsv"
  fi
  rm -rf "$tmp" "$1.hnums"
}
build Packages-4k-le 4096 '<' 1234 0 4
build Packages-64k-be 65536 '>' 4321 1 10
build Packages-16k-chksum 16384 '<' 1234 2 12 chksum

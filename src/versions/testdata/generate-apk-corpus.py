#!/usr/bin/env python3
"""Regenerates apk-real-versions.json: every distinct apk version in the Alpine secdb excerpts
(package versions and secfixes fixed versions) and in the apk installed databases of the image
fixtures. Run from the repository root: python3 src/versions/testdata/generate-apk-corpus.py [DATA_DIR]"""
import yaml, glob, json, re, os, sys

data = sys.argv[1] if len(sys.argv) > 1 else '../shared/data'
vs = set()
for f in glob.glob(os.path.join(data, 'advisories/alpine/alpine-secdb-repo/**/*.yaml'), recursive=True):
    d = yaml.safe_load(open(f)) or {}
    for p in d.get('packages') or []:
        pk = p['pkg']
        vs.add(str(pk.get('ver', '')))
        for fv in (pk.get('secfixes') or {}):
            vs.add(str(fv))
for f in glob.glob(os.path.join(data, 'advisories/alpine/secdb-v3.19-subset/**/*.json'), recursive=True):
    vs.update(re.findall(r'"(\d[^" ]*-r\d+)"', open(f).read()))
for pattern in ('pkgdb/**/lib/apk/db/installed', 'images/**/lib/apk/db/installed'):
    for f in glob.glob(os.path.join(data, pattern), recursive=True):
        vs.update(re.findall(r'^V:(.*)$', open(f, errors='replace').read(), re.M))
vs.discard('')
json.dump(sorted(vs), open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'apk-real-versions.json'), 'w'), indent=0)
print(len(vs))

#!/usr/bin/env python3
"""Regenerates feed-corpus.json: every distinct version and range string that real advisory feeds
write for Go, crates.io, npm and RubyGems, so the tests can prove each one is understood.

Sources (../shared/data, see NOTICE.md): golang/vulndb OSV (Go), rustsec/advisory-db OSV branch
(crates.io), nodejs/security-wg (npm ranges), rubysec/ruby-advisory-db (gem requirements).
Run from the repository root: python3 src/versions/testdata/generate-feed-corpus.py [DATA_DIR]
"""
import json, os, sys, glob
import yaml

data = sys.argv[1] if len(sys.argv) > 1 else '../shared/data'
out = {}

def osv_versions(pattern):
    vs = set()
    for f in glob.glob(os.path.join(data, pattern)):
        doc = json.load(open(f))
        for aff in doc.get('affected', []):
            for r in aff.get('ranges', []):
                if r['type'] in ('ECOSYSTEM', 'SEMVER'):
                    for e in r['events']:
                        vs.update(str(v) for v in e.values())
    vs.discard('0')
    return sorted(vs)

go = set()
for f in glob.glob(os.path.join(data, 'advisories/go-vulndb/**/*.json'), recursive=True):
    try:
        doc = json.load(open(f))
    except Exception:
        continue
    for aff in doc.get('affected', []) if isinstance(doc, dict) else []:
        for r in aff.get('ranges', []):
            if r.get('type') in ('ECOSYSTEM', 'SEMVER'):
                for e in r['events']:
                    go.update(str(v) for v in e.values())
go.discard('0')
out['golang'] = sorted(go)
out['cargo'] = osv_versions('advisories/rustsec-osv/crates/*.json')

npm = set()
for f in glob.glob(os.path.join(data, 'advisories/nodejs-security-wg/vuln/npm/*.json')):
    doc = json.load(open(f))
    for k in ('vulnerable_versions', 'patched_versions'):
        if doc.get(k):
            npm.add(doc[k])
out['npmRanges'] = sorted(npm)

gem = set()
for f in glob.glob(os.path.join(data, 'advisories/rubysec/gems/*/*.yml')):
    doc = yaml.safe_load(open(f))
    for k in ('patched_versions', 'unaffected_versions'):
        for r in doc.get(k) or []:
            gem.add(str(r))
out['gemRequirements'] = sorted(gem)

with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'feed-corpus.json'), 'w') as fh:
    json.dump(out, fh, indent=0)
print({k: len(v) for k, v in out.items()})

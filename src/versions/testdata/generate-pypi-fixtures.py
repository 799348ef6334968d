#!/usr/bin/env python3
"""Regenerates pep440-pairs.tsv and osv-pypi-cases.json from the PyPA advisory database (OSV YAML).

pep440-pairs.tsv: real PyPI release versions paired (same project, then pseudo-random), with the
verdict of `packaging` (the reference implementation of PEP 440), -1/0/1.
osv-pypi-cases.json: OSV ECOSYSTEM ranges of real advisories, the versions the advisory itself lists
as affected, and other released versions of the same project with the verdict of an independent
evaluation of the OSV range algorithm over packaging's ordering.

Run from the repository root: python3 src/versions/testdata/generate-pypi-fixtures.py [DATA_DIR]
"""
import json, os, sys, glob
import yaml
from packaging.version import Version, InvalidVersion

data = sys.argv[1] if len(sys.argv) > 1 else '../shared/data'
out = os.path.dirname(os.path.abspath(__file__))
files = sorted(glob.glob(os.path.join(data, 'advisories/pypa/vulns/*/*.yaml')))

def valid(v):
    try:
        Version(v)
        return True
    except InvalidVersion:
        return False

by_pkg = {}
advisories = []
for f in files:
    doc = yaml.safe_load(open(f))
    for aff in doc.get('affected', []):
        name = aff['package']['name']
        vs = [str(v) for v in aff.get('versions', []) if valid(str(v))]
        by_pkg.setdefault(name, set()).update(vs)
        ranges = [r['events'] for r in aff.get('ranges', []) if r['type'] == 'ECOSYSTEM']
        for evs in ranges:
            for e in evs:
                for k, v in e.items():
                    if k != 'introduced' or v != '0':
                        if valid(str(v)):
                            by_pkg[name].add(str(v))
        if ranges and vs:
            advisories.append((doc['id'], name, ranges, vs))

def cmp(a, b):
    x, y = Version(a), Version(b)
    return -1 if x < y else (1 if x > y else 0)

# Pairs.
seed = 20261125
def rnd(n):
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n
pairs, seen = [], set()
def push(a, b):
    if a == b or (a, b) in seen or (b, a) in seen:
        return
    seen.add((a, b)); pairs.append((a, b))
for name in sorted(by_pkg):
    vs = sorted(by_pkg[name])
    for i in range(len(vs) - 1):
        push(vs[i], vs[i + 1])
        if len(pairs) >= 2500: break
    if len(pairs) >= 2500: break
allv = sorted(set().union(*by_pkg.values()))
while len(pairs) < 3000:
    push(allv[rnd(len(allv))], allv[rnd(len(allv))])
with open(os.path.join(out, 'pep440-pairs.tsv'), 'w') as fh:
    for a, b in pairs:
        fh.write(f'{a}\t{b}\t{cmp(a, b)}\n')

# OSV cases: the spec's algorithm over packaging's ordering, written independently of our TypeScript.
def affected(version, events):
    v = Version(version)
    def key(e):
        k, val = next(iter(e.items()))
        if k == 'introduced' and val == '0':
            return (0, Version('0'), 0)
        return (1, Version(val), 0 if k == 'introduced' else 1)
    state = False
    for e in sorted(events, key=key):
        k, val = next(iter(e.items()))
        if k == 'introduced' and (val == '0' or v >= Version(val)): state = True
        elif k == 'fixed' and v >= Version(val): state = False
        elif k == 'last_affected' and v > Version(val): state = False
    return state

cases = []
for i, (aid, name, ranges, vs) in enumerate(advisories):
    if rnd(10) != 0:
        continue
    try:
        if not all(valid(str(list(e.values())[0])) or list(e.values())[0] == '0' for evs in ranges for e in evs):
            continue
        others = sorted(by_pkg[name] - set(vs), key=Version)
        others = others[::max(1, len(others) // 30)]
        cases.append({
            'id': aid, 'package': name,
            'ranges': [[{k: str(v) for k, v in e.items()} for e in evs] for evs in ranges],
            'listed': [[l, any(affected(l, [{k: str(v) for k, v in e.items()} for e in evs]) for evs in ranges)] for l in vs],
            'others': [[o, any(affected(o, [{k: str(v) for k, v in e.items()} for e in evs]) for evs in ranges)] for o in others],
        })
    except InvalidVersion:
        continue
with open(os.path.join(out, 'osv-pypi-cases.json'), 'w') as fh:
    json.dump(cases, fh, separators=(',', ':'))
print(f'{len(allv)} versions, {len(pairs)} pairs, {len(cases)} OSV cases')

// Falco's legacy k8s-audit regression cases (testdata/legacy/k8s-audit-cases.json): every case's
// rules files, trace, and exactly the detections, priorities and counts it expects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuntimeEngine } from './engine.js';
import { decodeText } from './events.js';
import { PRIORITY_DISPLAY, parsePriority } from './priority.js';

const here = dirname(fileURLToPath(import.meta.url));
const legacy = join(here, 'testdata', 'legacy');

interface Case {
  detect: boolean;
  detect_level?: string;
  detect_counts?: Record<string, number>[];
  rules_file: string[];
  addl_cmdline_opts: string;
  stderr_contains?: string;
}

/** BUILD_DIR/… rules are the older upstream files the cases were written for; ./rules/… are local. */
function mapRulesPath(p: string): string {
  if (p.startsWith('BUILD_DIR/')) return join(legacy, 'upstream-rules', p.split('/').pop() as string);
  return join(legacy, p.replace(/^\.\//, ''));
}

// COASTGUARD_K8S_AUDIT_CASES may point at another cases file of the same shape (e.g. the full
// legacy suite); its rules and traces resolve against testdata/legacy as above.
const casesFile = process.env.COASTGUARD_K8S_AUDIT_CASES ?? join(legacy, 'k8s-audit-cases.json');
const cases = JSON.parse(readFileSync(casesFile, 'utf8')) as Record<string, Case>;

test('the case file has cases to run', () => {
  assert.ok(Object.keys(cases).length > 0, `${Object.keys(cases).length} cases in ${casesFile}`);
});

for (const [name, c] of Object.entries(cases)) {
  test(`falco legacy k8s audit case: ${name}`, () => {
    const engine = RuntimeEngine.fromFiles(c.rules_file.map(mapRulesPath));
    const trace = /open_params=(\S+)/.exec(c.addl_cmdline_opts)?.[1];
    assert.ok(trace, 'case names a trace');
    const dec = decodeText(readFileSync(join(legacy, trace), 'utf8'));
    const counts: Record<string, number> = {};
    const priorities: Record<string, Set<string>> = {};
    for (const e of dec.events) {
      for (const a of engine.process(e)) {
        counts[a.rule] = (counts[a.rule] ?? 0) + 1;
        (priorities[a.rule] ??= new Set()).add(a.priority);
      }
    }
    if (c.stderr_contains) {
      assert.ok(
        dec.skipped.some((s) => s.detail.includes(c.stderr_contains as string)),
        `expected a skipped input saying "${c.stderr_contains}", got ${JSON.stringify(dec.skipped)}`,
      );
    }
    if (!c.detect) {
      assert.deepEqual(counts, {}, 'no alerts expected');
      return;
    }
    const expected = Object.assign({}, ...(c.detect_counts ?? [])) as Record<string, number>;
    // Falco's default rule matching (first match per event): exactly the expected rules fire.
    assert.deepEqual(counts, expected);
    const level = PRIORITY_DISPLAY[parsePriority(c.detect_level as string)!];
    for (const rule of Object.keys(expected)) assert.deepEqual([...priorities[rule]], [level], `priority of ${rule}`);
  });
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const fixture = (...p: string[]) => join(repoRoot, 'test', 'fixtures', ...p);

/** A temp directory removed when the test process ends (t.after is nicer but needs the context). */
export function tempDir(prefix = 'cg-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  process.on('exit', () => rmSync(d, { recursive: true, force: true }));
  return d;
}

/** Where scripts/build-test-images.sh caches real images (built on demand by the tests that need them). */
export const testImagesDir = process.env.COASTGUARD_TEST_IMAGES ?? '/var/cache/coastguard-test-images';

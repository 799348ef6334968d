import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The real feed excerpts copied for tests (see test/fixtures/vulndb/NOTICE.md). */
export const FIXTURES = resolve(dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/vulndb');
export const fixture = (...p: string[]) => join(FIXTURES, ...p);
export const tempDir = (prefix = 'cg-vulndb-') => mkdtempSync(join(tmpdir(), prefix));

/** Every fixture feed, in the order tests build them. */
export const ALL_FIXTURE_SOURCES = [
  'ghsa',
  'nodejs-security-wg',
  'go-vulndb/go-stdlib-xcrypto.zip',
  'pypa',
  'rustsec',
  'rubysec',
  'alpine',
  'debian',
  'alma',
  'ubuntu',
].map((p) => ({ path: fixture(p) }));

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, testImagesDir } from '../helpers.js';

/**
 * A real image built by scripts/build-test-images.sh (debootstrap + umoci + skopeo), built on
 * first use and cached per machine. Returns its folder: image.docker.tar, image.oci.tar,
 * oci-layout/, expected-dpkg.tsv, layer-dpkg.tsv.
 */
/** The build script's image_version(): a cached image whose .done holds another version is rebuilt. */
const IMAGE_VERSION: Record<string, string> = { 'lang-apps': '2' };

export function testImage(name: 'debian-layers' | 'debian-layers-next' | 'bench-1g' | 'lang-apps'): string {
  const dir = join(testImagesDir, name);
  const done = join(dir, '.done');
  if (!existsSync(done) || readFileSync(done, 'utf8').trim() !== (IMAGE_VERSION[name] ?? '')) {
    execFileSync('bash', [join(repoRoot, 'scripts', 'build-test-images.sh'), name], { stdio: 'inherit', env: { ...process.env, COASTGUARD_TEST_IMAGES: testImagesDir } });
  }
  return dir;
}

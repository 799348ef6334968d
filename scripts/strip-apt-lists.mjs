// bench-1g without apt's package lists: debootstrap leaves a 50 MB `Packages` file in layer 0
// (a later layer deletes it), and the peer's secret scanner spends over a minute on that one file
// (docs/images.md), which images built with the usual `rm -rf /var/lib/apt/lists/*` do not hold.
// Removes the lists from every layer of a docker-archive with GNU tar, rehashes the layers and
// writes the config and manifest anew.   Usage: node scripts/strip-apt-lists.mjs IN.tar OUT.tar TAG
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync, createReadStream } from 'node:fs';
import { join } from 'node:path';

const [input, output, tag] = process.argv.slice(2);
const work = mkdtempSync(join(process.env.TMPDIR ?? '/var/tmp', 'cg-strip-'));
const sha256 = (file) => new Promise((resolve, reject) => {
  const h = createHash('sha256');
  createReadStream(file).on('data', (c) => h.update(c)).on('error', reject).on('end', () => resolve(h.digest('hex')));
});
try {
  execFileSync('tar', ['-xf', input, '-C', work]);
  const [manifest] = JSON.parse(readFileSync(join(work, 'manifest.json'), 'utf8'));
  const config = JSON.parse(readFileSync(join(work, manifest.Config), 'utf8'));
  const layers = [];
  for (const name of manifest.Layers) {
    const file = join(work, name);
    const lists = execFileSync('tar', ['-tf', file], { maxBuffer: 256 << 20 }).toString().split('\n')
      .filter((p) => /^(\.\/)?var\/lib\/apt\/lists\/[^/]+$/.test(p) && !/\/\.wh\./.test(p) && !/\/lock$/.test(p));
    if (lists.length) execFileSync('tar', ['--delete', '-f', file, ...lists]);
    const digest = await sha256(file);
    renameSync(file, join(work, `${digest}.tar`));
    layers.push(digest);
  }
  config.rootfs.diff_ids = layers.map((d) => `sha256:${d}`);
  const configBytes = Buffer.from(JSON.stringify(config));
  const configName = `${createHash('sha256').update(configBytes).digest('hex')}.json`;
  unlinkSync(join(work, manifest.Config));
  writeFileSync(join(work, configName), configBytes);
  writeFileSync(join(work, 'manifest.json'), JSON.stringify([{ Config: configName, RepoTags: [tag], Layers: layers.map((d) => `${d}.tar`) }]));
  execFileSync('tar', ['-cf', `${output}.tmp`, '-C', work, 'manifest.json', configName, ...layers.map((d) => `${d}.tar`)]);
  renameSync(`${output}.tmp`, output);
} finally {
  rmSync(work, { recursive: true, force: true });
}

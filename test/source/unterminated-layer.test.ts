import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { openImageInput } from '../../src/source/open-input.js';
import { analyzeLayers } from '../../src/source/layer-pool.js';
import { mergeLayers } from '../../src/scan/merge.js';
import { runCli } from '../support/cli.js';

// umoci 0.4.7 (Debian) `insert` writes layer tars that stop right after the last entry's body:
// no padding, no end-of-archive blocks. Docker and Podman run such images; so must we read them.
const amd64 = { os: 'linux', architecture: 'amd64' };
const run = (cmd: string, args: string[], cwd?: string) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();

function filesUnder(root: string, dir = root, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) filesUnder(root, p, out);
    else out.push(relative(root, p));
  }
  return out;
}

/** The root filesystem Podman gives a container of this image (its own storage in a temp dir). */
function podmanView(transport: string, tmp: string): string[] {
  const root = join(tmp, 'podman');
  const podman = (...a: string[]) => run('podman', ['--root', join(root, 'root'), '--runroot', join(root, 'run'), '--storage-driver', 'vfs', ...a]);
  const id = podman('pull', '-q', transport).split('\n').pop()!;
  const mnt = podman('image', 'mount', id);
  try {
    return filesUnder(mnt).sort();
  } finally {
    podman('image', 'unmount', id);
    podman('rmi', '-f', id);
  }
}

test('layers written by umoci insert (no end-of-archive blocks) scan in all three input forms, merged view = Podman’s', async () => {
  // Lower case only: Podman names an image pulled from an OCI layout after its path.
  const tmp = join(tmpdir(), `cg-umoci-${randomBytes(6).toString('hex')}`);
  mkdirSync(tmp);
  process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
  mkdirSync(join(tmp, 'lower/etc/app/sub'), { recursive: true });
  writeFileSync(join(tmp, 'lower/etc/app/sub/old.conf'), 'old\n');
  writeFileSync(join(tmp, 'lower/etc/app/keep.conf'), 'hidden by the opaque layer\n');
  writeFileSync(join(tmp, 'lower/etc/hostname'), 'stays\n');
  mkdirSync(join(tmp, 'upper'));
  writeFileSync(join(tmp, 'upper/new.conf'), 'new\n');
  const layout = join(tmp, 'layout');
  run('umoci', ['init', '--layout', layout]);
  run('umoci', ['new', '--image', `${layout}:t`]);
  run('umoci', ['insert', '--image', `${layout}:t`, join(tmp, 'lower'), '/']);
  run('umoci', ['insert', '--opaque', '--image', `${layout}:t`, join(tmp, 'upper'), '/etc/app']);
  run('skopeo', ['copy', '-q', `oci:${layout}:t`, `docker-archive:${join(tmp, 'image.docker.tar')}:umoci/test:t`]);
  run('skopeo', ['copy', '-q', `oci:${layout}:t`, `oci-archive:${join(tmp, 'image.oci.tar')}`]);

  const forms: [string, string][] = [
    [layout, `oci:${layout}:t`],
    [join(tmp, 'image.docker.tar'), `docker-archive:${join(tmp, 'image.docker.tar')}`],
    [join(tmp, 'image.oci.tar'), `oci-archive:${join(tmp, 'image.oci.tar')}`],
  ];
  for (const [input, transport] of forms) {
    const container = podmanView(transport, tmp);
    assert.deepEqual(container, ['etc/app/new.conf', 'etc/hostname'], `podman view of ${transport}`);
    const img = await openImageInput(input, { platform: amd64 });
    const layers = await analyzeLayers(img.layers, { analyzers: [], workers: 0 });
    assert.deepEqual(layers.map((l) => l.opaqueDirs), [[], ['etc/app']], input);
    assert.deepEqual([...mergeLayers(layers).files.keys()].sort(), container, input);
    // Through the CLI: exit 0, one warning per unterminated layer, nothing else on stderr.
    const r = await runCli(['image', '--input', input, '--scanners', 'secret', '--no-cache', '--format', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const warnings = r.stderr.trim().split('\n');
    assert.equal(warnings.length, 2, r.stderr);
    for (const [i, w] of warnings.entries()) {
      assert.match(w, /^coastguard: warning: layer sha256:[a-f0-9]{64} ends without tar end-of-archive blocks; read up to its last complete entry$/, `${input} #${i}`);
    }
  }
});

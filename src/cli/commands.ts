import type { Command } from './command.js';

/**
 * Every top-level command, loaded lazily so `coastguard runtime …` does not pay for the image
 * pipeline's imports. Adding a command: one file in src/cli/ and one line here.
 */
export const commands: Record<string, () => Promise<Command>> = {
  image: async () => (await import('./image.js')).command,
  fs: async () => (await import('./fs.js')).command,
  config: async () => (await import('./config.js')).command,
  pin: async () => (await import('./pin.js')).command,
  verify: async () => (await import('./verify.js')).command,
  cache: async () => (await import('./cache.js')).command,
  sbom: async () => (await import('./sbom.js')).command,
  db: async () => (await import('./db.js')).command,
  repo: async () => (await import('./repo.js')).command,
  runtime: async () => (await import('./runtime.js')).command,
  drift: async () => (await import('./drift.js')).command,
  containers: async () => (await import('./containers.js')).command,
  admission: async () => (await import('./admission.js')).command,
  diff: async () => (await import('./diff.js')).command,
  server: async () => (await import('./server.js')).command,
  worker: async () => (await import('./worker.js')).command,
  version: async () => (await import('./version.js')).command,
};

// Bundles the command line and its worker threads into dist/cli/ (over tsc's bin.js), so a run
// loads one file instead of resolving ~400 modules: `coastguard image` reached its first layer
// ~0.4 s after start, most of it module resolution and loading (measured with --cpu-prof).
// The worker bundles sit beside bin.js, where `new URL('./layer-worker.js', import.meta.url)`
// looks for them. Packages with native parts (or only used by the server) stay external.
import { build } from 'esbuild';
import { chmodSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = process.argv[2] ?? join(root, 'dist/cli');
// Chunks of an earlier build (hashed names; tsc's own files there are lower-case source names).
if (existsSync(outdir)) for (const f of readdirSync(outdir)) if (/-[A-Z0-9]{8}\.js(\.map)?$/.test(f)) rmSync(join(outdir, f));
// zod re-exports all of its ~50 message translations (1.6 MB of source) as `z.locales`; nothing here
// uses them (messages are English, set by zod itself), and parsing them cost every run's start.
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/]/.test(args.importer) ? { path: join(dirname(args.importer), '../locales/en.js').replace(/\.js$/, '.english-only'), namespace: 'zod-locales' } : undefined);
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(args.path.replace(/\.english-only$/, '.js'))};`,
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
  },
};
const result = await build({
  plugins: [zodEnglishOnly],
  absWorkingDir: root,
  entryPoints: {
    bin: 'src/cli/bin.ts',
    'layer-worker': 'src/source/layer-worker.ts',
    'directory-worker': 'src/secrets/directory-worker.ts',
    'verdict-worker': 'src/admission/verdict-worker.ts',
  },
  outdir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Commands load on demand (src/cli/commands.ts): each is its own chunk, so bin.js itself stays
  // small and starts the layer workers at once. Chunks sit beside bin.js (worker URLs, see above).
  splitting: true,
  chunkNames: '[name]-[hash]',
  external: ['better-sqlite3', 'zstd-napi', 'pg', 'pg-native', 'graphile-worker', 'playwright-core'],
  // Bundled CommonJS packages call require(): give ES modules one.
  banner: { js: "import { createRequire as __cgCreateRequire } from 'node:module'; const require = __cgCreateRequire(import.meta.url);" },
  metafile: true,
  minifyWhitespace: true,
  minifySyntax: true,
  sourcemap: true,
  logLevel: 'warning',
});
if (process.env.BUNDLE_META) console.log(Object.keys(result.metafile.inputs).filter((f) => f.startsWith('src/')).join('\n'));
chmodSync(join(outdir, 'bin.js'), 0o755);

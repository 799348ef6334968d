// Child process for bench/secret.bench.mjs: the secret scan of one directory with the built
// library (dist/), so wall time and peak RSS are measured for the scan alone.
import { scanDirectory } from '../../dist/secrets/index.js';

const [dir, workers] = process.argv.slice(2);
const r = await scanDirectory(dir, workers === undefined ? {} : { workers: Number(workers) });
process.stdout.write(JSON.stringify({ findings: r.findings.length, warnings: r.warnings.length }) + '\n');

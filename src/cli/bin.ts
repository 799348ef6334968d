#!/usr/bin/env node
// The executable: everything else is importable and testable without spawning a process.
import { main, reportError } from './main.js';
import { ExitCode } from '../core/errors.js';
import { prestartWorkers } from '../source/layer-workers.js';

const argv = process.argv.slice(2);
const debug = argv.includes('--debug') || argv.includes('-d');
// An image scan with the secret scanner on walks big images in worker threads: started now, they
// load their modules while this thread loads its own. Unused ones are dropped (they hold nothing).
if (argv[0] === 'image' && !argv.includes('--help') && !argv.includes('-h') && secretScannerOn(argv)) prestartWorkers();

function secretScannerOn(args: string[]): boolean {
  const i = args.findIndex((a) => a === '--scanners' || a.startsWith('--scanners='));
  const list = i < 0 ? process.env.COASTGUARD_SCANNERS : args[i].includes('=') ? args[i].slice(args[i].indexOf('=') + 1) : args[i + 1];
  return list === undefined || list.split(',').includes('secret');
}
main(argv).then(
  (code) => { process.exitCode = code; },
  (e) => {
    process.exitCode = reportError(e, debug);
    // A timed-out scan still has work in flight: stop it (temp files go with the exit handlers).
    if (process.exitCode === ExitCode.TIMEOUT) process.exit();
  },
);

#!/usr/bin/env node
// The executable: everything else is importable and testable without spawning a process.
import { main, reportError } from './main.js';
import { ExitCode } from '../core/errors.js';

const argv = process.argv.slice(2);
const debug = argv.includes('--debug') || argv.includes('-d');
main(argv).then(
  (code) => { process.exitCode = code; },
  (e) => {
    process.exitCode = reportError(e, debug);
    // A timed-out scan still has work in flight: stop it (temp files go with the exit handlers).
    if (process.exitCode === ExitCode.TIMEOUT) process.exit();
  },
);

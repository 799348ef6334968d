import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { main, reportError } from '../../src/cli/main.js';
import { repoRoot } from '../helpers.js';

/** Runs the CLI in this process as bin.ts would: output captured, a thrown error turned into its one line and exit code. */
export async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: { write: (s: string) => ((stdout += s), true) } as unknown as NodeJS.WritableStream,
    stderr: { write: (s: string) => ((stderr += s), true) } as unknown as NodeJS.WritableStream,
  };
  const code = await main(args, io).catch((e) => reportError(e, false, io.stderr));
  return { code, stdout, stderr };
}

/** With registry credentials in the environment (COASTGUARD_USERNAME / COASTGUARD_PASSWORD) for this run only. */
export async function runCliAs(user: string, password: string, args: string[]) {
  process.env.COASTGUARD_USERNAME = user;
  process.env.COASTGUARD_PASSWORD = password;
  try {
    return await runCli(args);
  } finally {
    delete process.env.COASTGUARD_USERNAME;
    delete process.env.COASTGUARD_PASSWORD;
  }
}

/**
 * Runs the real CLI in a child process (as users do), for inputs that could crash or hang the
 * process itself: a native abort or a signal shows up as `signal`, not as a dead test runner.
 */
export function spawnCli(args: string[], opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'bin.ts'), ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: opts.timeoutMs ?? 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s) => (stderr += s));
    child.stdin.end(opts.input ?? '');
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

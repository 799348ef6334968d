import { main, reportError } from '../../src/cli/main.js';

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

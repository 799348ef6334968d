import { CoastguardError, ExitCode } from '../core/errors.js';
import type { ScanResult } from '../core/types.js';

/**
 * Sends a finished scan's native result to a Coastguard server (`--server URL --token T`). Any
 * failure — unreachable, refused, rejected — is one CoastguardError with exit code 6; the scan's
 * own reports are written before this runs.
 */
export async function uploadScan(result: ScanResult, server: string, token: string, timeoutMs = 120_000): Promise<{ digest: string; new: number; resolved: number }> {
  let url: URL;
  try {
    url = new URL('api/v1/scans', server.endsWith('/') ? server : server + '/');
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new CoastguardError('upload failed: --server must be an http(s) URL', server, ExitCode.USAGE);
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'user-agent': 'coastguard-cli' },
      body: JSON.stringify(result),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
    throw new CoastguardError(`upload failed: server unreachable (${cause})`, url.href, ExitCode.NETWORK);
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) {
    let msg = text.slice(0, 200).replace(/\s+/g, ' ');
    try {
      msg = String((JSON.parse(text) as { error?: unknown }).error ?? msg);
    } catch {
      /* not JSON: the text itself */
    }
    throw new CoastguardError(`upload failed: HTTP ${res.status}${msg ? ` (${msg})` : ''}`, url.href, ExitCode.NETWORK);
  }
  try {
    const body = JSON.parse(text) as { image: { digest: string }; new: number; resolved: number };
    return { digest: body.image.digest, new: body.new, resolved: body.resolved };
  } catch {
    throw new CoastguardError('upload failed: the server answered something other than JSON', url.href, ExitCode.NETWORK);
  }
}

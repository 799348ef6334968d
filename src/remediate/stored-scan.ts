import { CoastguardError, ExitCode } from '../core/errors.js';
import { SCHEMA_VERSION, type Artifact, type Finding, type Package, type ScanResult } from '../core/types.js';

export const STORED_DIGEST = /^sha256:[0-9a-f]{64}$/;

/**
 * An image's last stored scan on a `coastguard server`, read back through its API as a
 * ScanResult: the artifact, the stored inventory and the findings as the server has them now
 * (re-matched against its DB).
 */
export async function fetchStoredScan(digest: string, server: string, token: string, timeoutMs = 60_000): Promise<ScanResult> {
  const base = server.endsWith('/') ? server : server + '/';
  const get = async <T>(path: string): Promise<T> => {
    const url = new URL(path, base);
    let res: Response;
    try {
      res = await fetch(url, { headers: { authorization: `Bearer ${token}`, 'user-agent': 'coastguard-cli' }, signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? (e as Error).message;
      throw new CoastguardError(`server unreachable (${cause})`, url.href, ExitCode.NETWORK);
    }
    if (res.status === 401 || res.status === 403) throw new CoastguardError(`server refused the token (HTTP ${res.status})`, url.href, ExitCode.AUTH);
    if (res.status === 404) throw new CoastguardError(`no stored scan of ${digest}`, server, ExitCode.INPUT);
    if (!res.ok) throw new CoastguardError(`server answered HTTP ${res.status}`, url.href, ExitCode.NETWORK);
    try {
      return (await res.json()) as T;
    } catch {
      throw new CoastguardError('server answered something that is not JSON', url.href, ExitCode.NETWORK);
    }
  };
  const paged = async <T>(path: string, limit: number): Promise<T[]> => {
    const out: T[] = [];
    for (;;) {
      const page = await get<{ items: T[]; total: number }>(`${path}?limit=${limit}&offset=${out.length}`);
      out.push(...page.items);
      if (page.items.length === 0 || out.length >= page.total) return out;
    }
  };
  const image = await get<{ name: string; digest: string; artifact: Artifact }>(`api/v1/images/${digest}`);
  const packages = await paged<Package>(`api/v1/images/${digest}/packages`, 100_000);
  const findings = (await paged<Finding & { firstSeen?: string }>(`api/v1/images/${digest}/findings`, 10_000)).map(({ firstSeen: _seen, ...f }) => f as Finding);
  return { schemaVersion: SCHEMA_VERSION, artifact: { ...image.artifact, name: image.artifact?.name ?? image.name }, packages, findings };
}

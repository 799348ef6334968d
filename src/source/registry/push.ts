import { createHash } from 'node:crypto';
import { CoastguardError, ExitCode } from '../../core/errors.js';
import type { RegistryClient } from './client.js';

/**
 * Minimal upload side of the distribution API (monolithic blob upload, manifest PUT): enough to
 * attach signatures and for tests to publish what they build. Pull-only users never touch it.
 */
export async function pushBlob(client: RegistryClient, data: Buffer): Promise<string> {
  const digest = 'sha256:' + createHash('sha256').update(data).digest('hex');
  const head = await client.request(`/blobs/${digest}`, {}, 'HEAD');
  if (head.ok) return digest;
  const start = await client.request('/blobs/uploads/', { 'content-length': '0' }, 'POST');
  const location = start.headers.get('location');
  await start.body?.cancel();
  if (start.status !== 202 || !location) throw new CoastguardError(`blob upload refused (HTTP ${start.status})`, client.base, ExitCode.NETWORK);
  const url = new URL(location, client.base);
  url.searchParams.set('digest', digest);
  const put = await client.raw(url.toString(), { method: 'PUT', body: data, headers: { 'content-type': 'application/octet-stream' } });
  await put.body?.cancel();
  if (put.status !== 201) throw new CoastguardError(`blob upload failed (HTTP ${put.status})`, client.base, ExitCode.NETWORK);
  return digest;
}

export async function pushManifest(client: RegistryClient, reference: string, body: Buffer, mediaType: string): Promise<string> {
  const res = await client.raw(`${client.base}/manifests/${reference}`, { method: 'PUT', body, headers: { 'content-type': mediaType } });
  const text = await res.text();
  if (res.status !== 201) throw new CoastguardError(`manifest upload failed (HTTP ${res.status}: ${text.slice(0, 200)})`, client.base, ExitCode.NETWORK);
  return 'sha256:' + createHash('sha256').update(body).digest('hex');
}

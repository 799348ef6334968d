import type { AddressInfo, Server } from 'node:net';

/**
 * Starts `server` listening and resolves with the address as a URL host (IPv6 in brackets) and
 * port; a listen error (port in use, bad host) rejects instead of being thrown later as an event.
 * `host` undefined listens on every interface. The servers of `server`, `admission serve` and
 * `runtime serve` share it.
 */
export async function listen(server: Server, port: number, host: string | undefined): Promise<{ host: string; port: number }> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const addr = server.address() as AddressInfo;
  return { host: addr.family === 'IPv6' ? `[${addr.address}]` : addr.address, port: addr.port };
}

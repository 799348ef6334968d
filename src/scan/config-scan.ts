import type { ScanResult } from '../core/types.js';
import type { ConfigScanOptions } from '../misconfig/index.js';
import type { KubernetesObjects } from './run-scanners.js';
import { scanResult } from './result.js';

/** `coastguard config PATH…`: Dockerfiles, manifests and compose files as one ScanResult. */
export async function scanConfig(paths: string[], opts: ConfigScanOptions): Promise<{ result: ScanResult; kubernetes?: KubernetesObjects }> {
  const { scanConfigPaths } = await import('../misconfig/index.js');
  const r = await scanConfigPaths(paths, opts);
  return { result: scanResult({ name: paths.join(' '), type: 'config' }, { findings: r.findings, warnings: r.warnings }), kubernetes: r.kubernetes };
}

/**
 * "What is running and how bad is it": every running container with its image, image digest,
 * start time, drift summary and finding counts (drift, vulnerabilities of packages installed at
 * run time, and — unless skipped — the scan of its image, streamed from the engine once per image).
 */
import { SEVERITIES, type Severity } from '../core/severity.js';
import type { ScanResult } from '../core/types.js';
import type { ImageScanOptions } from '../scan/image-scan.js';
import type { EngineClient } from '../source/engine/client.js';
import { driftResult, inspectOrFail, type DriftOptions, type DriftSummary } from './drift.js';

export type SeverityCounts = Record<Severity, number>;

export interface ContainerRow {
  id: string;
  name: string;
  image: string;
  imageId: string;
  /** The image's registry digest where the engine knows one (repo@sha256:…), else its id. */
  digest: string;
  startedAt?: string;
  drift: DriftSummary;
  /** Findings of the drift check (drift + vulnerabilities of packages installed at run time). */
  driftFindings: SeverityCounts;
  /** Findings of the image scan; absent when image scans were skipped or failed. */
  imageFindings?: SeverityCounts;
}

export interface Overview {
  containers: ContainerRow[];
  /** One scan result per distinct image scanned (for --server uploads and JSON output). */
  imageResults: ScanResult[];
  warnings: { what: string; where?: string }[];
}

const zero = (): SeverityCounts => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
export function countBySeverity(r: Pick<ScanResult, 'findings'>): SeverityCounts {
  const c = zero();
  for (const f of r.findings) c[f.severity]++;
  return c;
}

export async function containersOverview(
  client: EngineClient,
  opts: { drift: DriftOptions; imageScan?: ImageScanOptions; onProgress?: (msg: string) => void },
): Promise<Overview> {
  const list = await client.listContainers();
  const rows: ContainerRow[] = [];
  const warnings: Overview['warnings'] = [];
  const scans = new Map<string, ScanResult | undefined>();
  for (const s of list) {
    let inspect;
    try {
      inspect = await inspectOrFail(client, s.Id);
    } catch (e) {
      warnings.push({ what: `container gone before it could be examined (${(e as Error).message})`, where: s.Id });
      continue;
    }
    const { result, drifts } = await driftResult(client, [s.Id], opts.drift);
    const d = drifts[0];
    const image = inspect.Config?.Image ?? s.Image;
    let digest = inspect.Image;
    try {
      const ii = await client.inspectImage(inspect.Image);
      digest = ii.RepoDigests?.[0] ?? ii.Id;
    } catch {
      /* image removed under a running container: keep its id */
    }
    if (opts.imageScan && !scans.has(inspect.Image)) {
      opts.onProgress?.(`scanning image ${image}`);
      try {
        const { scanEngineImage } = await import('../scan/engine-image-scan.js');
        scans.set(inspect.Image, (await scanEngineImage(client, inspect.Image, opts.imageScan)).result);
      } catch (e) {
        scans.set(inspect.Image, undefined);
        warnings.push({ what: `image not scanned (${(e as Error).message})`, where: image });
      }
    }
    const scan = scans.get(inspect.Image);
    rows.push({
      id: inspect.Id,
      name: d.container.name,
      image,
      imageId: inspect.Image,
      digest,
      ...(inspect.State?.StartedAt ? { startedAt: inspect.State.StartedAt } : {}),
      drift: d.summary,
      driftFindings: countBySeverity(result),
      ...(scan ? { imageFindings: countBySeverity(scan) } : {}),
    });
    warnings.push(...(result.warnings ?? []));
  }
  return { containers: rows, imageResults: [...scans.values()].filter((r): r is ScanResult => Boolean(r)), warnings };
}

/** CRITICAL/HIGH/MEDIUM/LOW counts as "C:1 H:2 M:0 L:3". */
const short = (c: SeverityCounts | undefined) => (c ? `C:${c.CRITICAL} H:${c.HIGH} M:${c.MEDIUM} L:${c.LOW}` : '-');

export function overviewTable(o: Overview): string {
  if (!o.containers.length) return 'No running containers.\n';
  const head = ['NAME', 'ID', 'IMAGE', 'DIGEST', 'STARTED', 'DRIFT (+/~/-/pkg)', 'DRIFT FINDINGS', 'IMAGE FINDINGS'];
  const rows = o.containers.map((c) => [
    c.name,
    c.id.slice(0, 12),
    c.image,
    c.digest.replace(/^.*@/, '').slice(0, 19),
    c.startedAt?.slice(0, 19).replace('T', ' ') ?? '',
    `${c.drift.added}/${c.drift.modified}/${c.drift.deleted}/${c.drift.packages}`,
    short(c.driftFindings),
    short(c.imageFindings),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((x, i) => x.padEnd(w[i])).join('  ').trimEnd() + '\n';
  return line(head) + rows.map(line).join('');
}

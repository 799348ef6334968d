/**
 * Harbor's Pluggable Scanner API v1.2 under /harbor/api/v1/, so a Harbor registry can use
 * Coastguard as its scanner (register http(s)://HOST:PORT/harbor with a bearer token of scope
 * upload). Scans go through the same queue as POST /api/v1/scan-requests.
 */
import type { Finding } from '../../core/types.js';
import { writeReport } from '../../report/index.js';
import { ApiError, sendJson } from '../http.js';
import { SERVER_VERSION } from '../version.js';
import type { Route } from './route.js';

export const HARBOR_MIME = {
  metadata: 'application/vnd.scanner.adapter.metadata+json; version=1.1',
  scanResponse: 'application/vnd.scanner.adapter.scan.response+json; version=1.0',
  error: 'application/vnd.scanner.adapter.error+json; version=1.0',
  harborReport: 'application/vnd.scanner.adapter.vuln.report.harbor+json; version=1.0',
  securityReport: 'application/vnd.security.vulnerability.report; version=1.1',
  sbomReport: 'application/vnd.security.sbom.report+json; version=1.0',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
} as const;

const SCANNER = { name: 'Coastguard', vendor: 'Coastguard', version: SERVER_VERSION };
const HARBOR_SEVERITY: Record<string, string> = { CRITICAL: 'Critical', HIGH: 'High', MEDIUM: 'Medium', LOW: 'Low', UNKNOWN: 'Unknown' };
const RANK = ['Unknown', 'Negligible', 'Low', 'Medium', 'High', 'Critical'];

interface HarborScanRequest {
  registry?: { url?: unknown; authorization?: unknown };
  artifact?: { repository?: unknown; digest?: unknown; tag?: unknown; mime_type?: unknown };
}

/** Harbor sends the robot account as `Basic base64(user:secret)`; that is what the pull uses. */
function basicCredentials(auth: unknown): { username: string; password: string } | undefined {
  if (typeof auth !== 'string') return undefined;
  const m = /^Basic\s+([A-Za-z0-9+/=]+)$/.exec(auth.trim());
  if (!m) return undefined;
  const text = Buffer.from(m[1], 'base64').toString('utf8');
  const i = text.indexOf(':');
  return i < 0 ? undefined : { username: text.slice(0, i), password: text.slice(i + 1) };
}

function harborItem(f: Finding) {
  const pkg = f.package as { name?: string; version?: string } | undefined;
  const cvss = (f.cvss as { version: string; vector: string; score: number }[] | undefined) ?? [];
  const v3 = cvss.find((c) => c.version.startsWith('3'));
  const v2 = cvss.find((c) => c.version === '2.0');
  return {
    id: f.id,
    package: pkg?.name ?? '',
    version: String(f.installedVersion ?? pkg?.version ?? ''),
    fix_version: typeof f.fixedVersion === 'string' ? f.fixedVersion : '',
    severity: HARBOR_SEVERITY[f.severity] ?? 'Unknown',
    description: f.description ?? f.title,
    links: f.references ?? [],
    ...(v3 || v2 ? { preferred_cvss: { ...(v3 ? { score_v3: v3.score, vector_v3: v3.vector } : {}), ...(v2 ? { score_v2: v2.score, vector_v2: v2.vector } : {}) } } : {}),
    cwe_ids: [],
    vendor_attributes: { fingerprint: f.fingerprint, aliases: f.aliases, ...(f.namespace ? { namespace: f.namespace } : {}) },
  };
}

export const routes: Route[] = [
  {
    method: 'GET',
    path: '/harbor/api/v1/metadata',
    scope: 'read',
    summary: "Harbor scanner adapter metadata: vulnerability and SBOM capabilities for OCI and Docker v2 manifests, the DB's build time",
    async handle({ res, core }) {
      const builtAt = core.vulnDb.current?.builtAt.toISOString();
      sendJson(
        res,
        200,
        {
          scanner: SCANNER,
          capabilities: [
            { type: 'vulnerability', consumes_mime_types: [HARBOR_MIME.ociManifest, HARBOR_MIME.dockerManifest], produces_mime_types: [HARBOR_MIME.harborReport, HARBOR_MIME.securityReport] },
            { type: 'sbom', consumes_mime_types: [HARBOR_MIME.ociManifest, HARBOR_MIME.dockerManifest], produces_mime_types: [HARBOR_MIME.sbomReport], additional_attributes: { sbom_media_types: ['application/spdx+json', 'application/vnd.cyclonedx+json'] } },
          ],
          properties: {
            'harbor.scanner-adapter/scanner-type': 'os-package-vulnerability',
            ...(builtAt ? { 'harbor.scanner-adapter/vulnerability-database-updated-at': builtAt } : {}),
          },
        },
        { 'content-type': HARBOR_MIME.metadata },
      );
    },
  },
  {
    method: 'POST',
    path: '/harbor/api/v1/scan',
    scope: 'upload',
    summary: 'Harbor scan request {"registry": {"url", "authorization"}, "artifact": {"repository", "digest"}} → 202 {"id"}',
    async handle(ctx) {
      const body = (await ctx.json()) as HarborScanRequest;
      const url = body?.registry?.url;
      const repo = body?.artifact?.repository;
      const digest = body?.artifact?.digest;
      if (typeof url !== 'string' || typeof repo !== 'string' || typeof digest !== 'string') throw new ApiError(400, 'registry.url, artifact.repository and artifact.digest are required');
      let host: URL;
      try {
        host = new URL(url);
        if (host.protocol !== 'http:' && host.protocol !== 'https:') throw new Error();
      } catch {
        throw new ApiError(422, 'registry.url must be an http(s) URL');
      }
      if (!/^sha256:[0-9a-f]{64}$/.test(digest) || !/^[a-z0-9]+(?:[._/-][a-z0-9]+)*$/.test(repo)) throw new ApiError(422, 'artifact.repository or artifact.digest is malformed');
      const mime = body.artifact?.mime_type;
      if (typeof mime === 'string' && mime !== HARBOR_MIME.ociManifest && mime !== HARBOR_MIME.dockerManifest) throw new ApiError(501, `cannot scan artifacts of type ${mime}`);
      const queue = ctx.services.queue;
      if (!queue) throw new ApiError(503, 'server-side scans are not enabled on this server');
      const req = await queue.enqueue(`${host.host}/${repo}@${digest}`, 'harbor', { credentials: basicCredentials(body.registry?.authorization), insecure: host.protocol === 'http:' });
      ctx.auditDetail = { id: req.id, ref: req.ref };
      sendJson(ctx.res, 202, { id: req.id }, { 'content-type': HARBOR_MIME.scanResponse });
    },
  },
  {
    method: 'GET',
    path: '/harbor/api/v1/scan/:id/report',
    scope: 'read',
    summary: 'Harbor scan report: 302 with Refresh-After while queued or running; the vulnerability report (or ?sbom_media_type=… SBOM) when done; 500 when the scan failed',
    async handle(ctx) {
      const req = await ctx.store.scanRequest(ctx.params.id);
      if (!req || req.origin !== 'harbor') throw new ApiError(404, `no scan request ${ctx.params.id}`);
      if (req.status === 'failed') throw new ApiError(500, `scan failed: ${req.error ?? 'unknown error'}`);
      if (req.status !== 'done' || !req.digest) {
        ctx.res.writeHead(302, { 'refresh-after': '5', 'content-length': '0' }).end();
        return;
      }
      const image = await ctx.store.image(req.digest);
      if (!image) throw new ApiError(500, 'the scanned image is no longer stored');
      const [repository] = req.ref.split('@')[0].split(/\/(.*)/s).slice(1);
      const artifact = { repository, digest: req.ref.split('@')[1] };
      const accept = String(ctx.req.headers.accept ?? '');
      const sbomType = ctx.url.searchParams.get('sbom_media_type');
      if (sbomType || accept.includes('sbom.report')) {
        if (sbomType !== 'application/spdx+json' && sbomType !== 'application/vnd.cyclonedx+json') throw new ApiError(400, 'sbom_media_type must be application/spdx+json or application/vnd.cyclonedx+json');
        const result = { schemaVersion: 1, artifact: image.artifact, packages: image.inventory, findings: [] };
        const sbom = JSON.parse(writeReport(sbomType === 'application/spdx+json' ? 'spdx-json' : 'cyclonedx', result));
        sendJson(ctx.res, 200, { generated_at: image.lastScan, artifact, scanner: SCANNER, media_type: sbomType, sbom }, { 'content-type': HARBOR_MIME.sbomReport });
        return;
      }
      const findings = (await ctx.store.findingsOf(image.id)).map((s) => s.finding).filter((f) => f.kind === 'vulnerability');
      const vulnerabilities = findings.map(harborItem).sort((a, b) => RANK.indexOf(b.severity) - RANK.indexOf(a.severity) || a.id.localeCompare(b.id) || a.package.localeCompare(b.package));
      const severity = vulnerabilities.reduce((top, v) => (RANK.indexOf(v.severity) > RANK.indexOf(top) ? v.severity : top), 'Unknown');
      const type = accept.includes('vnd.security.vulnerability.report') ? HARBOR_MIME.securityReport : HARBOR_MIME.harborReport;
      sendJson(ctx.res, 200, { generated_at: image.lastScan, artifact, scanner: SCANNER, severity, vulnerabilities }, { 'content-type': type });
    },
  },
];

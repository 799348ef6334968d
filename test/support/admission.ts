import { readdirSync, readFileSync, statSync } from 'node:fs';
import { request, type Agent } from 'node:https';
import { join, relative } from 'node:path';
import { parseK8s } from '../../src/misconfig/index.js';
import { repoRoot } from '../helpers.js';

/** Every Kubernetes object in the repo's misconfig fixtures (real manifests from upstream test suites), deduplicated. */
export function fixtureObjects(): { from: string; object: Record<string, unknown> }[] {
  const roots = ['test/fixtures/misconfig/polaris', 'test/fixtures/misconfig/trivy-checks/checks/kubernetes', 'test/fixtures/misconfig/checkov/tests/kubernetes', 'test/fixtures/misconfig/corpus/kubernetes-examples', 'test/fixtures/misconfig/corpus/ingress-nginx'];
  const seen = new Set<string>();
  const out: { from: string; object: Record<string, unknown> }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ya?ml|json)$/i.test(name)) {
        for (const o of parseK8s(readFileSync(p, 'utf8'), p).objects) {
          const key = JSON.stringify(o.value);
          if (seen.has(key)) continue;
          seen.add(key);
          out.push({ from: relative(repoRoot, p), object: o.value as Record<string, unknown> });
        }
      }
    }
  };
  for (const r of roots) walk(join(repoRoot, r));
  return out;
}

/** An AdmissionReview v1 as the API server sends it for a CREATE of `object`. */
export function admissionReview(object: Record<string, unknown>, uid: string, extra: Record<string, unknown> = {}) {
  const meta = (object.metadata ?? {}) as { namespace?: string; name?: string };
  const [group, version] = String(object.apiVersion ?? 'v1').includes('/') ? String(object.apiVersion).split('/') : ['', String(object.apiVersion ?? 'v1')];
  const kind = String(object.kind ?? '');
  return {
    apiVersion: 'admission.k8s.io/v1',
    kind: 'AdmissionReview',
    request: {
      uid,
      kind: { group, version, kind },
      resource: { group, version, resource: kind.toLowerCase() + 's' },
      name: meta.name,
      namespace: meta.namespace ?? 'default',
      operation: 'CREATE',
      userInfo: { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] },
      object,
      oldObject: null,
      dryRun: false,
      options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
      ...extra,
    },
  };
}

/** POSTs a body over TLS; resolves with the status and the parsed JSON answer. */
export function post(url: string, body: string | Buffer, opts: { ca: Buffer; agent?: Agent; path?: string }): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const u = new URL(opts.path ?? '/validate', url);
    const req = request(u, { method: 'POST', ca: opts.ca, agent: opts.agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = text;
        }
        resolve({ status: res.statusCode ?? 0, json });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

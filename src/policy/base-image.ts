import { fingerprint, type Artifact, type Finding, type Severity } from '../core/index.js';
import type { BaseImagePolicy } from './schema.js';

/** Splits an image reference into registry / repository / tag / digest (Docker's defaulting rules). */
export function parseImageRef(ref: string): { registry: string; repository: string; tag?: string; digest?: string } {
  let rest = ref;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) registry = parts.shift()!;
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  if (registry === 'docker.io' && parts.length === 1) parts.unshift('library');
  return { registry, repository: parts.join('/'), tag, digest };
}

/** Image facts CEL `image` policies see (docs/policy.md lists them). */
export function imageFacts(artifact: Artifact, now: Date) {
  const ref = artifact.image?.repoTags?.[0] ?? artifact.name;
  const r = parseImageRef(ref);
  const created = artifact.image?.created;
  const eol = artifact.os?.eol;
  return {
    name: artifact.name,
    type: artifact.type,
    reference: ref,
    registry: r.registry,
    repository: r.repository,
    tag: r.tag ?? '',
    digest: artifact.digest ?? '',
    pinned: /@sha256:[0-9a-f]{64}$/.test(artifact.name),
    created: created ?? '',
    ageDays: created && !Number.isNaN(Date.parse(created)) ? Math.floor((now.getTime() - Date.parse(created)) / 86_400_000) : -1,
    os: { family: artifact.os?.family ?? '', version: artifact.os?.version ?? '', eol: eol ?? '', name: artifact.os?.name ?? '' },
    eol: !!eol && Date.parse(eol) <= now.getTime(),
    user: artifact.image?.config?.User ?? '',
    labels: artifact.image?.config?.Labels ?? {},
    env: artifact.image?.config?.Env ?? [],
    exposedPorts: Object.keys(artifact.image?.config?.ExposedPorts ?? {}),
    layers: artifact.image?.layers?.length ?? 0,
    repoTags: artifact.image?.repoTags ?? [],
    repoDigests: artifact.image?.repoDigests ?? [],
  };
}

/** Built-in base-image policy ids: stable, documented in docs/policy.md. */
export const BASE_IMAGE_RULES = {
  untrusted: { id: 'CG-BASE-001', severity: 'HIGH' as Severity, title: 'Image comes from an untrusted registry' },
  unpinned: { id: 'CG-BASE-002', severity: 'MEDIUM' as Severity, title: 'Image reference is not pinned by digest' },
  old: { id: 'CG-BASE-003', severity: 'MEDIUM' as Severity, title: 'Image is older than the allowed maximum age' },
  eol: { id: 'CG-BASE-004', severity: 'HIGH' as Severity, title: 'Operating system is past its end of life' },
};

export function checkBaseImage(artifact: Artifact, policy: BaseImagePolicy, now: Date, where: string): Finding[] {
  if (artifact.type !== 'container_image') return [];
  const facts = imageFacts(artifact, now);
  const out: Finding[] = [];
  const add = (rule: (typeof BASE_IMAGE_RULES)[keyof typeof BASE_IMAGE_RULES], detail: string, fix: string) =>
    out.push({
      kind: 'policy',
      id: rule.id,
      aliases: [],
      severity: rule.severity,
      title: `${rule.title}: ${detail}`,
      description: rule.title,
      fix,
      target: artifact.name,
      location: { path: artifact.name },
      fingerprint: fingerprint('policy', rule.id, artifact.name),
      policy: { file: where },
    });
  const trusted = policy['trusted-registries'];
  if (trusted?.length) {
    const full = `${facts.registry}/${facts.repository}`;
    const ok = trusted.some((t) => {
      const p = t.replace(/\/+$/, '');
      return full === p || full.startsWith(p + '/') || facts.registry === p;
    });
    if (!ok) add(BASE_IMAGE_RULES.untrusted, `${facts.registry}/${facts.repository} is not under ${trusted.join(', ')}`, `Use an image from ${trusted.join(' or ')}.`);
  }
  if (policy['require-digest'] && !facts.pinned) {
    add(BASE_IMAGE_RULES.unpinned, facts.reference, `Refer to the image as ${facts.registry}/${facts.repository}@${artifact.digest ?? 'sha256:…'}.`);
  }
  const max = policy['max-age-days'];
  if (max !== undefined && facts.ageDays > max) {
    add(BASE_IMAGE_RULES.old, `built ${facts.created}, ${facts.ageDays} days ago (limit ${max})`, 'Rebuild the image on a current base image.');
  }
  if (policy['deny-eol'] && facts.eol) {
    add(BASE_IMAGE_RULES.eol, `${artifact.os!.name ?? `${facts.os.family} ${facts.os.version}`} reached end of life on ${facts.os.eol}`, 'Move to a supported release of the distribution.');
  }
  return out;
}
